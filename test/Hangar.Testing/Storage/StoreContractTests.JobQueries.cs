using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

public abstract partial class StoreContractTests<TBackend>
{
    /// <summary>Jobs 1..6 in every status, queued out of id order, two routed to "linux", two taken by runners.</summary>
    private async Task SeedJobsAsync()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Waiting) with { CreatedAt = T0.AddSeconds(5) }, T0, Ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued) with { CreatedAt = T0.AddSeconds(3) }, T0, Ct);
        await Store.RecordJobEventAsync(Event(3, JobStatus.Queued) with { CreatedAt = T0.AddSeconds(3) }, T0, Ct);
        await Store.RecordJobEventAsync(Event(4, JobStatus.InProgress) with { CreatedAt = T0.AddSeconds(1), RunnerName = "r4" }, T0.AddMinutes(1), Ct);
        await Store.RecordJobEventAsync(Event(5, JobStatus.Completed) with { CreatedAt = T0.AddSeconds(2), RunnerName = "r5" }, T0.AddMinutes(2), Ct);
        await Store.RecordJobEventAsync(Event(6, JobStatus.Queued) with { CreatedAt = T0.AddSeconds(9) }, T0, Ct);
        await Store.SetJobRouteAsync(Key(2), "linux", null, T0, Ct);
        await Store.SetJobRouteAsync(Key(6), "linux", null, T0, Ct);
        await Store.SetJobRouteAsync(Key(3), null, "no pool has label gpu", T0, Ct);
    }

    private async Task<long[]> ListIdsAsync(JobQuery query) =>
        (await Store.ListJobsAsync(query, Ct)).Select(j => j.Id).ToArray();

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_NoFilter_AllOrderedByQueuedAtThenId()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedJobsAsync();

        (await ListIdsAsync(new JobQuery())).ShouldBe([4, 5, 2, 3, 1, 6]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_ByStatuses_OnlyThose()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedJobsAsync();

        (await ListIdsAsync(new JobQuery { Statuses = [JobStatus.Queued] })).ShouldBe([2, 3, 6]);
        (await ListIdsAsync(JobQuery.Open)).ShouldBe([4, 2, 3, 1, 6]);
        (await ListIdsAsync(new JobQuery { Statuses = [JobStatus.Completed, JobStatus.Waiting] })).ShouldBe([5, 1]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_ByPool_OnlyRoutedThere()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedJobsAsync();

        (await ListIdsAsync(new JobQuery { Pool = "linux" })).ShouldBe([2, 6]);
        (await ListIdsAsync(new JobQuery { Pool = "nope" })).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_UpdatedSince_IncludesTheBoundary()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedJobsAsync();

        (await ListIdsAsync(new JobQuery { UpdatedSince = T0.AddMinutes(1) })).ShouldBe([4, 5]);
        (await ListIdsAsync(new JobQuery { UpdatedSince = T0.AddMinutes(2).AddMilliseconds(1) })).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_ByRunnerNames_OnlyTakenByThose()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedJobsAsync();

        (await ListIdsAsync(new JobQuery { RunnerNames = ["r5", "r9"] })).ShouldBe([5]);
        (await ListIdsAsync(new JobQuery { RunnerNames = ["r4", "r5"], Statuses = [JobStatus.InProgress] })).ShouldBe([4]);
        (await ListIdsAsync(new JobQuery { RunnerNames = [] })).ShouldBeEmpty();
        var many = Enumerable.Range(0, 50_000).Select(i => $"r{i}").ToArray();
        (await ListIdsAsync(new JobQuery { RunnerNames = many })).ShouldBe([4, 5]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_Limit_ReturnsTheFirstInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedJobsAsync();

        (await ListIdsAsync(new JobQuery { Limit = 2 })).ShouldBe([4, 5]);
        (await ListIdsAsync(new JobQuery { Limit = 0 })).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SetJobRouteAsync_PoolThenUnroutable_StoresTheLatestDecision()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, ct);

        await Store.SetJobRouteAsync(Key(1), "linux", null, T0.AddSeconds(1), ct);
        var routed = await GetJobAsync(1);
        (routed.Pool, routed.UnroutableReason, routed.UpdatedAt).ShouldBe(("linux", (string?)null, T0.AddSeconds(1)));

        await Store.SetJobRouteAsync(Key(1), null, "pool linux was removed", T0.AddSeconds(2), ct);
        var unroutable = await GetJobAsync(1);
        (unroutable.Pool, unroutable.UnroutableReason, unroutable.UpdatedAt).ShouldBe(((string?)null, "pool linux was removed", T0.AddSeconds(2)));
        unroutable.Status.ShouldBe(JobStatus.Queued);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SetJobRouteAsync_UnknownJob_ThrowsKeyNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.SetJobRouteAsync(Key(404), "linux", null, T0, ct));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SetJobRouteAsync_BothOrNeither_ThrowsArgument()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, ct);

        await Should.ThrowAsync<ArgumentException>(() => Store.SetJobRouteAsync(Key(1), "linux", "why", T0, ct));
        await Should.ThrowAsync<ArgumentException>(() => Store.SetJobRouteAsync(Key(1), null, null, T0, ct));
        (await GetJobAsync(1)).Pool.ShouldBeNull();
    }
}
