using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>Retention: finished jobs and deleted instances (with their history) are deleted in bounded batches.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    [Fact(Timeout = TestTimeout)]
    public async Task PruneJobsAsync_CompletedBeforeTheCutoff_DeletedABatchAtATimeOpenAndRecentKept()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Completed), T0, Ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Completed), T0.AddMinutes(1), Ct);
        await Store.RecordJobEventAsync(Event(3, JobStatus.Queued), T0, Ct);
        await Store.RecordJobEventAsync(Event(3, JobStatus.Completed), T0.AddMinutes(2), Ct);
        await Store.RecordJobEventAsync(Event(4, JobStatus.Queued), T0, Ct);
        await Store.RecordJobEventAsync(Event(5, JobStatus.InProgress), T0, Ct);
        await Store.RecordJobEventAsync(Event(6, JobStatus.Completed), T0.AddMinutes(5), Ct);

        (await Store.PruneJobsAsync(T0.AddMinutes(5), 2, Ct)).ShouldBe(2);
        (await Store.PruneJobsAsync(T0.AddMinutes(5), 2, Ct)).ShouldBe(1);
        (await Store.PruneJobsAsync(T0.AddMinutes(5), 2, Ct)).ShouldBe(0);

        (await Store.ListJobsAsync(new JobQuery(), Ct)).Select(j => j.Id).Order().ShouldBe([4, 5, 6]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task PruneInstancesAsync_DeletedBeforeTheCutoff_DeletedWithTheirHistoryOthersKept()
    {
        await InsertAndMoveAsync(NewInstance("old-deleted"), InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted);
        await InsertAndMoveAsync(NewInstance("old-deleted-2"), InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted);
        await InsertAndMoveAsync(NewInstance("old-failed"), InstanceState.Failed);
        await InsertAndMoveAsync(NewInstance("old-deleting"), InstanceState.Failed, InstanceState.Deleting);
        await InsertAndMoveAsync(NewInstance("new-deleted", createdAt: T0.AddHours(1)), InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted);

        (await Store.PruneInstancesAsync(T0.AddMinutes(30), 1, Ct)).ShouldBe(1);
        (await Store.PruneInstancesAsync(T0.AddMinutes(30), 1, Ct)).ShouldBe(1);
        (await Store.PruneInstancesAsync(T0.AddMinutes(30), 1, Ct)).ShouldBe(0);

        (await Store.ListInstancesAsync(InstanceQuery.All, Ct)).Select(i => i.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["new-deleted", "old-deleting", "old-failed"]);
        (await Store.GetHistoryAsync("old-deleted", cancellationToken: Ct)).ShouldBeEmpty();
        (await Store.ListHistoryAsync(new HistoryQuery { Instance = "old-deleted-2" }, Ct)).ShouldBeEmpty();
        (await Store.GetHistoryAsync("new-deleted", cancellationToken: Ct)).Count.ShouldBe(4);
        (await Store.GetHistoryAsync("old-failed", cancellationToken: Ct)).Count.ShouldBe(2);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task PruneInstancesAsync_NameReusedAfterPruning_StartsAFreshHistory()
    {
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted);
        (await Store.PruneInstancesAsync(T0.AddDays(1), 10, Ct)).ShouldBe(1);

        await InsertAndMoveAsync(NewInstance("r1", createdAt: T0.AddDays(2)), InstanceState.Provisioning);

        (await Store.GetHistoryAsync("r1", cancellationToken: Ct)).Select(t => t.To).ShouldBe([InstanceState.Provisioning, InstanceState.Pending]);
    }
}
