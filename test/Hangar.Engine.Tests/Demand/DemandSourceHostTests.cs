using Hangar.Engine.Leases;
using Hangar.Core.Demand;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Engine.Demand;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Engine.Tests.Demand;

public sealed class DemandSourceHostTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void RestartDelay_ConsecutiveFailures_DoublesUpToFiveMinutes(int failures, int seconds) =>
        DemandSourceHost.RestartDelay(failures).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ExecuteAsync_SourceFails_RestartedAfterABackoffThatDoubles()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider();
        var source = new ScriptedSource(clock, failures: 2);
        using var host = await StartAsync(source, clock, ct);

        await AdvanceUntilAsync(clock, source.Started(3), ct);

        var starts = source.StartTimes;
        (starts[1] - starts[0]).ShouldBeGreaterThanOrEqualTo(DemandSourceHost.FirstRestartDelay);
        (starts[2] - starts[1]).ShouldBeGreaterThanOrEqualTo(DemandSourceHost.FirstRestartDelay * 2);
        host.Restarts.ShouldBe(2);
        await host.StopAsync(ct);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ExecuteAsync_SourceReturnsBeforeShutdown_Restarted()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider();
        var source = new ScriptedSource(clock, failures: 0, returns: 1);
        using var host = await StartAsync(source, clock, ct);

        await AdvanceUntilAsync(clock, source.Started(2), ct);

        host.Restarts.ShouldBe(1);
        await host.StopAsync(ct);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task StopAsync_SourceRunning_SourceCancelledAndNotRestarted()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider();
        var source = new ScriptedSource(clock, failures: 0);
        using var host = await StartAsync(source, clock, ct);
        await source.Started(1).WaitAsync(Wait, ct);

        await host.StopAsync(ct).WaitAsync(Wait, ct);

        source.Cancelled.ShouldBeTrue();
        host.ExecuteTask.ShouldNotBeNull().IsCompletedSuccessfully.ShouldBeTrue();
        host.Restarts.ShouldBe(0);
    }

    private static async Task<DemandSourceHost> StartAsync(IDemandSource source, TimeProvider clock, CancellationToken ct)
    {
        var host = new DemandSourceHost(source, new NullSink(), new SingleReplicaOwnership(), clock, NullLogger<DemandSourceHost>.Instance);
        await host.StartAsync(ct).WaitAsync(Wait, ct);
        return host;
    }

    /// <summary>Moves the fake clock in small steps until <paramref name="done"/>: the host's backoff timer may not be set
    /// yet when a step is taken, so one big step could be missed.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Task done, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Wait);
        while (!done.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(done, Task.Delay(5, deadline.Token));
            deadline.Token.ThrowIfCancellationRequested();
        }

        await done;
    }

    /// <summary>Fails its first <c>failures</c> runs, then returns from the next <c>returns</c>, then runs until cancelled.</summary>
    private sealed class ScriptedSource(TimeProvider clock, int failures, int returns = 0) : IDemandSource
    {
        private readonly Lock _lock = new();
        private readonly List<DateTimeOffset> _starts = [];
        private readonly List<TaskCompletionSource> _startedSignals = [];
        private volatile bool _cancelled;

        public string Name => "scripted";

        public bool Cancelled => _cancelled;

        public IReadOnlyList<DateTimeOffset> StartTimes
        {
            get
            {
                lock (_lock)
                {
                    return [.. _starts];
                }
            }
        }

        /// <summary>Completes once the source has been started <paramref name="count"/> times.</summary>
        public Task Started(int count)
        {
            lock (_lock)
            {
                while (_startedSignals.Count < count)
                {
                    _startedSignals.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                return _startedSignals[count - 1].Task;
            }
        }

        public async Task RunAsync(IJobEventSink sink, CancellationToken cancellationToken)
        {
            int run;
            lock (_lock)
            {
                _starts.Add(clock.GetUtcNow());
                run = _starts.Count;
                Started(run);
                _startedSignals[run - 1].TrySetResult();
            }

            if (run <= failures)
            {
                throw new InvalidOperationException($"run {run} failed");
            }

            if (run <= failures + returns)
            {
                return;
            }

            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                _cancelled = true;
                throw;
            }
        }
    }

    private sealed class NullSink : IJobEventSink
    {
        public Task<JobEventOutcome> SubmitAsync(JobEvent jobEvent, CancellationToken cancellationToken = default) =>
            Task.FromResult(JobEventOutcome.Created);
    }
}
