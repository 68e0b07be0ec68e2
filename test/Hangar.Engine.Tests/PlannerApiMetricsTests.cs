using System.Diagnostics.Metrics;
using Hangar.Core.Instances;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests;

/// <summary>
/// The operator metrics of issue 11: boot time (intent stored → runner online), queue time (queued → a runner took the
/// job), both per pool, and the pressure board the converge pass refreshes.
/// </summary>
public sealed class PlannerApiMetricsTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, string? Pool)> _recorded = [];

    public PlannerApiMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is MetricNames.QueueTime or MetricNames.BootTime)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? pool = null;
            foreach (var tag in tags)
            {
                pool = tag.Key == "pool" ? tag.Value as string : pool;
            }

            lock (_recorded)
            {
                _recorded.Add((instrument.Name, value, pool));
            }
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Values of <paramref name="instrument"/> for <paramref name="pool"/>; pool names are unique per test, so
    /// other tests' engines in this process never add to them.</summary>
    private List<double> Recorded(string instrument, string pool)
    {
        lock (_recorded)
        {
            return [.. _recorded.Where(r => r.Instrument == instrument && r.Pool == pool).Select(r => r.Value)];
        }
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunnerComesOnline_BootTimeRecordedOnceFromItsCreation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder("boot-time").WithMinIdle(1).Build(), ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Clock.Advance(TimeSpan.FromSeconds(42));
        h.Forge.MarkOnline(runner.Name);

        await h.ObserveAsync(ct);
        await h.ObserveAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Idle);
        Recorded(MetricNames.BootTime, "boot-time").ShouldBe([42]);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task JobStarts_QueueTimeRecordedOnceForItsPool()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder("queue-time").Build(), ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Clock.Advance(TimeSpan.FromSeconds(90));

        await h.StartJobAsync(1, runner.Name, cancellationToken: ct);
        await h.StartJobAsync(1, runner.Name, runnerId: 7, cancellationToken: ct);

        var recorded = Recorded(MetricNames.QueueTime, "queue-time").ShouldHaveSingleItem();
        recorded.ShouldBeGreaterThanOrEqualTo(90);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergePass_JobsQueuedThenCompleted_PressurePublishedOnEachChange()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder("pressure").Build() with { MinimumPressure = 1 }, ct);
        var board = h.Services.GetRequiredService<PressureBoard>();
        await h.ConvergeAsync(ct);
        var first = board.Current;
        first.Values["pressure"].ShouldBe(1);

        var changed = board.NextAsync(first.Version, ct);
        await h.QueueJobAsync(1, ct);
        await h.QueueJobAsync(2, ct);
        await h.ConvergeAsync(ct);
        (await changed.WaitAsync(TimeSpan.FromSeconds(30), ct)).Values["pressure"].ShouldBe(2);

        var unchanged = board.Current.Version;
        await h.ConvergeAsync(ct);
        board.Current.Version.ShouldBe(unchanged, "a pass that changes nothing publishes nothing");
    }
}
