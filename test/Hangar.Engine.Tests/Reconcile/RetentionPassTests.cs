using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Engine.Reconcile;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>The retention loop (issue 9 item 2): what is over is forgotten after the retention, in bounded batches.</summary>
public sealed class RetentionPassTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_FinishedJobsAndDeletedInstancesPastRetention_PrunedInBatchesTheRestKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(
            new EngineHarnessOptions { Configure = o => o with { Loops = o.Loops with { RetentionBatch = 2 } } }, ct);
        using var actions = new LoopActions(h);
        for (var id = 1; id <= 5; id++)
        {
            await h.CompleteJobAsync(id, "someone-elses-runner", cancellationToken: ct);
        }

        await h.QueueJobAsync(6, ct);
        var deleted = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            deleted.Add(await DeletedInstanceAsync(h, $"hgr-linux-deleted{i}", ct));
        }

        var failed = await h.InsertIntentAsync("hgr-linux-failedaaaa", cancellationToken: ct);
        await h.Store.TransitionAsync(failed.Name, InstanceState.Failed, "create gave up", h.Clock.GetUtcNow(), cancellationToken: ct);
        h.Clock.Advance(h.EngineOptions.Loops.Retention + TimeSpan.FromSeconds(1));
        await h.CompleteJobAsync(7, "someone-elses-runner", cancellationToken: ct);
        var recent = await DeletedInstanceAsync(h, "hgr-linux-recentaaaa", ct);

        await h.RunPassAsync(h.RetentionPass.RunAsync, ct);

        (await h.Store.ListJobsAsync(new JobQuery(), ct)).Select(j => j.Id).Order().ShouldBe([6, 7]);
        (await h.InstancesAsync(cancellationToken: ct)).Select(i => i.Name).Order(StringComparer.Ordinal).ShouldBe([failed.Name, recent]);
        (await h.HistoryAsync(deleted[0], ct)).ShouldBeEmpty();
        (await h.HistoryAsync(recent, ct)).ShouldNotBeEmpty();
        actions.Of(LoopNames.Retention, "pruned_jobs").ShouldBe([2, 2, 1]);
        actions.Of(LoopNames.Retention, "pruned_instances").ShouldBe([2, 1]);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_JustInsideRetention_KeptUntilItHasPassed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.CompleteJobAsync(1, "someone-elses-runner", cancellationToken: ct);
        var instance = await DeletedInstanceAsync(h, "hgr-linux-deletedaaa", ct);
        h.Clock.Advance(h.EngineOptions.Loops.Retention - TimeSpan.FromSeconds(1));

        await h.RunPassAsync(h.RetentionPass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull();
        (await h.FindInstanceAsync(instance, ct)).ShouldNotBeNull();

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        await h.RunPassAsync(h.RetentionPass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldBeNull();
        (await h.FindInstanceAsync(instance, ct)).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_OpenJobsAndLiveInstancesOlderThanRetention_NeverPruned()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.SubmitAsync(h.JobEvent(1, JobStatus.Waiting), ct);
        await h.QueueJobAsync(2, ct);
        await h.StartJobAsync(3, "someone-elses-runner", cancellationToken: ct);
        var pending = await h.InsertIntentAsync("hgr-linux-pendingaaa", cancellationToken: ct);
        h.Clock.Advance(h.EngineOptions.Loops.Retention * 10);

        await h.RunPassAsync(h.RetentionPass.RunAsync, ct);

        (await h.Store.ListJobsAsync(new JobQuery(), ct)).Count.ShouldBe(3);
        (await h.FindInstanceAsync(pending.Name, ct)).ShouldNotBeNull();
    }

    /// <summary>An instance that went its whole way to deleted now.</summary>
    private static async Task<string> DeletedInstanceAsync(EngineHarness h, string name, CancellationToken ct)
    {
        await h.InsertIntentAsync(name, cancellationToken: ct);
        foreach (var state in new[] { InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted })
        {
            await h.Store.TransitionAsync(name, state, $"to {state}", h.Clock.GetUtcNow(), cancellationToken: ct);
        }

        return name;
    }
}
