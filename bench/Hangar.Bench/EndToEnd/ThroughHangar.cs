using System.Diagnostics;
using Hangar.Bench.Harness;
using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.State;

namespace Hangar.Bench.EndToEnd;

/// <summary>
/// The measured side of the end-to-end figure: jobs queued at the emulator, each timed to the moment a runner Hangar
/// started for it connected; then the bench waits until Hangar has cleaned up (jobs completed, no live instance, no
/// machine) so every measurement meets the same steady state.
/// </summary>
internal sealed class ThroughHangar(EmulatorHost emulator, IStore store, IReadOnlyList<TimingProvider> providers)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Queues <paramref name="count"/> jobs at once; one latency per runner, from the queueing to its connect.</summary>
    public async Task<StartSample[]> StartAsync(IReadOnlyList<string> labels, int count, CancellationToken ct)
    {
        var before = emulator.State.Runners.Select(r => r.Id).DefaultIfEmpty(0).Max();
        var jobs = emulator.QueueJobs(new JobRequest { Repository = BenchHost.Repository, Labels = labels, Count = count });
        var queuedAt = jobs.Min(j => j.QueuedAt);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(StepTimeout);
            await emulator.State.WaitUntilAsync(s => Connected(s, before).Count() >= count, timeout.Token).ConfigureAwait(false);
        }

        var connected = Connected(emulator.State, before).Take(count).ToArray();

        // Read the create stamps only now: a provider may return after its runner already connected.
        await SettleAsync([.. jobs.Select(j => j.Id)], ct).ConfigureAwait(false);
        var samples = connected.Select(r => Sample(r, queuedAt)).ToArray();
        var runners = emulator.State.Runners.Count(r => r.Id > before && r.Name.StartsWith("hgr-", StringComparison.Ordinal));
        if (runners > count)
        {
            Report.Say($"e2e: Hangar registered {runners} runners for {count} jobs; the spare ones idled until their idle grace");
        }

        return samples;
    }

    private StartSample Sample(EmulatedRunner runner, DateTimeOffset queuedAt)
    {
        var connected = runner.ConnectedAt!.Value;
        var total = (connected - queuedAt).TotalMilliseconds;
        foreach (var provider in providers)
        {
            if (provider.Creates.TryGetValue(runner.Name, out var create))
            {
                return new StartSample(total, (create.Called - queuedAt).TotalMilliseconds, (create.Returned - create.Called).TotalMilliseconds, (connected - create.Returned).TotalMilliseconds);
            }
        }

        return new StartSample(total);
    }

    private static IEnumerable<EmulatedRunner> Connected(EmulatorState state, long after) =>
        state.Runners.Where(r => r.Id > after && r.ConnectedAt is not null && r.Name.StartsWith("hgr-", StringComparison.Ordinal));

    private async Task SettleAsync(IReadOnlyList<long> jobIds, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var done = jobIds.All(id => emulator.State.GetJob(id)?.Status == EmulatedJobStatus.Completed);
            var live = await store.ListInstancesAsync(InstanceQuery.Live, ct).ConfigureAwait(false);
            if (done && live.Count == 0 && await NoMachinesAsync(ct).ConfigureAwait(false))
            {
                return;
            }

            if (clock.Elapsed > StepTimeout)
            {
                var states = string.Join(", ", live.GroupBy(i => i.State).Select(g => $"{g.Count()} {g.Key}"));
                throw new TimeoutException($"Hangar did not settle within {StepTimeout.TotalSeconds:0} s (jobs completed: {done}; live instances: {states})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
        }
    }

    private async Task<bool> NoMachinesAsync(CancellationToken ct)
    {
        foreach (var provider in providers)
        {
            if ((await provider.ListAsync(null, ct).ConfigureAwait(false)).Count > 0)
            {
                return false;
            }
        }

        return true;
    }
}
