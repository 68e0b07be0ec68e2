using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>Lists in either order, paged by a keyset cursor; per-pool counts; the read-only probe.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    /// <summary>Every page of an instance list, each read after the previous page's last instance.</summary>
    private async Task<List<string[]>> InstancePagesAsync(InstanceQuery query, int pageSize)
    {
        var pages = new List<string[]>();
        var after = query.After;
        while (true)
        {
            var page = await Store.ListInstancesAsync(query with { After = after, Limit = pageSize }, Ct);
            if (page.Count == 0)
            {
                return pages;
            }

            pages.Add([.. page.Select(i => i.Name)]);
            after = InstanceCursor.Of(page[^1]);
        }
    }

    /// <summary>Seven instances over four creation times, with ties broken by name.</summary>
    private async Task SeedInstancesForPagingAsync()
    {
        await InsertAndMoveAsync(NewInstance("c", createdAt: T0));
        await InsertAndMoveAsync(NewInstance("a", createdAt: T0.AddSeconds(1)));
        await InsertAndMoveAsync(NewInstance("b", createdAt: T0.AddSeconds(1)), InstanceState.Failed);
        await InsertAndMoveAsync(NewInstance("e", pool: "gpu", createdAt: T0.AddSeconds(1)));
        await InsertAndMoveAsync(NewInstance("d", createdAt: T0.AddSeconds(2)), InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted);
        await InsertAndMoveAsync(NewInstance("g", pool: "gpu", createdAt: T0.AddSeconds(3)));
        await InsertAndMoveAsync(NewInstance("f", createdAt: T0.AddSeconds(3)));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListInstancesAsync_NewestFirstPagedByCursor_EveryInstanceOnceInReverseKeyOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedInstancesForPagingAsync();

        var pages = await InstancePagesAsync(InstanceQuery.All with { Order = ListOrder.NewestFirst }, pageSize: 3);

        pages.ShouldBe([["g", "f", "d"], ["e", "b", "a"], ["c"]]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListInstancesAsync_OldestFirstPagedByCursor_EveryInstanceOnceInKeyOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedInstancesForPagingAsync();

        var pages = await InstancePagesAsync(InstanceQuery.All, pageSize: 2);

        pages.ShouldBe([["c", "a"], ["b", "e"], ["d", "f"], ["g"]]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListInstancesAsync_CursorWithFilters_PagesOnlyTheMatchingOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedInstancesForPagingAsync();

        (await InstancePagesAsync(InstanceQuery.Live with { Pool = "linux", Order = ListOrder.NewestFirst }, pageSize: 2))
            .ShouldBe([["f", "b"], ["a", "c"]]);
        (await InstancePagesAsync(new InstanceQuery { States = [InstanceState.Pending], Order = ListOrder.NewestFirst }, pageSize: 1))
            .ShouldBe([["g"], ["f"], ["e"], ["a"], ["c"]]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListInstancesAsync_WithErrorOnly_ThoseHoldingAnErrorWhateverTheirState()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedInstancesForPagingAsync();
        await Store.UpdateInstanceAsync("b", new InstanceChanges { LastError = "image not found" }, ct);
        await Store.UpdateInstanceAsync("d", new InstanceChanges { LastError = "destroy failed" }, ct);
        await Store.UpdateInstanceAsync("g", new InstanceChanges { LastError = "retrying: timeout" }, ct);

        (await InstancePagesAsync(new InstanceQuery { WithErrorOnly = true, Order = ListOrder.NewestFirst }, pageSize: 2))
            .ShouldBe([["g", "d"], ["b"]]);
        (await InstancePagesAsync(new InstanceQuery { WithErrorOnly = true, Pool = "linux", States = [InstanceState.Deleted] }, pageSize: 2))
            .ShouldBe([["d"]]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListInstancesAsync_InstancesAddedDuringAWalk_TheWalkNeitherSkipsNorRepeatsAny()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedInstancesForPagingAsync();
        var query = InstanceQuery.All with { Order = ListOrder.NewestFirst, Limit = 3 };
        var first = await Store.ListInstancesAsync(query, ct);

        // Newer than every page (the walk has passed their place) and tied with the cursor's own creation time.
        await InsertAndMoveAsync(NewInstance("z", createdAt: T0.AddSeconds(9)));
        await InsertAndMoveAsync(NewInstance("da", createdAt: T0.AddSeconds(2)));
        var rest = await InstancePagesAsync(query with { After = InstanceCursor.Of(first[^1]) }, pageSize: 3);

        first.Select(i => i.Name).Concat(rest.SelectMany(p => p)).ShouldBe(["g", "f", "d", "e", "b", "a", "c"]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_NewestFirstPagedByCursor_EveryJobOnceTiesBrokenByIdForgeAttempt()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { CreatedAt = T0 }, T0, ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued) with { CreatedAt = T0.AddSeconds(1) }, T0, ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued) with { CreatedAt = T0.AddSeconds(1), Forge = "gitea" }, T0, ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued) with { CreatedAt = T0.AddSeconds(1), Forge = "gitea", Attempt = 1 }, T0, ct);
        await Store.RecordJobEventAsync(Event(3, JobStatus.Completed) with { CreatedAt = T0.AddSeconds(1) }, T0, ct);
        await Store.RecordJobEventAsync(Event(4, JobStatus.InProgress) with { CreatedAt = T0.AddSeconds(2) }, T0, ct);

        var walked = new List<string>();
        JobCursor? after = null;
        while (await Store.ListJobsAsync(new JobQuery { Order = ListOrder.NewestFirst, After = after, Limit = 2 }, ct) is { Count: > 0 } page)
        {
            page.Count.ShouldBeLessThanOrEqualTo(2);
            walked.AddRange(page.Select(j => j.Key.ToString()));
            after = JobCursor.Of(page[^1]);
        }

        walked.ShouldBe(["github/4", "github/3", "github/2", "gitea/2#1", "gitea/2", "github/1"]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_CursorWithStatusFilter_PagesOnlyThatStatusInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var id = 1; id <= 5; id++)
        {
            await Store.RecordJobEventAsync(Event(id, id % 2 == 0 ? JobStatus.Completed : JobStatus.Queued) with { CreatedAt = T0.AddSeconds(id) }, T0, ct);
        }

        var newest = await Store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Queued], Order = ListOrder.NewestFirst, Limit = 2 }, ct);
        var next = await Store.ListJobsAsync(
            new JobQuery { Statuses = [JobStatus.Queued], Order = ListOrder.NewestFirst, After = JobCursor.Of(newest[^1]), Limit = 2 }, ct);
        var oldestAfter = await Store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Queued], After = JobCursor.Of(newest[^1]) }, ct);

        newest.Select(j => j.Id).ShouldBe([5, 3]);
        next.Select(j => j.Id).ShouldBe([1]);
        oldestAfter.Select(j => j.Id).ShouldBe([5]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListHistoryAsync_PagedBySequence_NewestFirstInOrderOfWriting()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Provisioning, InstanceState.Pending, InstanceState.Provisioning, InstanceState.Booting);
        await InsertAndMoveAsync(NewInstance("r2"), InstanceState.Provisioning);

        var first = await Store.ListHistoryAsync(new HistoryQuery { Instance = "r1", Limit = 2 }, ct);
        var second = await Store.ListHistoryAsync(new HistoryQuery { Instance = "r1", Limit = 2, Before = first[^1].Sequence }, ct);
        var last = await Store.ListHistoryAsync(new HistoryQuery { Instance = "r1", Limit = 2, Before = second[^1].Sequence }, ct);

        first.Concat(second).Concat(last).Select(e => e.Transition.To).ShouldBe(
            [InstanceState.Booting, InstanceState.Provisioning, InstanceState.Pending, InstanceState.Provisioning, InstanceState.Pending]);
        first.Concat(second).Concat(last).Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Descending);
        first.Concat(second).Concat(last).Select(e => e.Transition).ShouldBe(await Store.GetHistoryAsync("r1", 10, ct));
        (await Store.ListHistoryAsync(new HistoryQuery { Instance = "r1", Before = last[^1].Sequence }, ct)).ShouldBeEmpty();
        (await Store.ListHistoryAsync(new HistoryQuery { Instance = "ghost" }, ct)).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TallyPoolsAsync_QueuedJobsAndLiveInstancesByState_OneTallyPerPoolAsked()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedInstancesForPagingAsync();
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued), T0, ct);
        await Store.RecordJobEventAsync(Event(3, JobStatus.InProgress), T0, ct);
        await Store.RecordJobEventAsync(Event(4, JobStatus.Queued), T0, ct);
        await Store.SetJobRouteAsync(Key(1), "linux", null, T0, ct);
        await Store.SetJobRouteAsync(Key(2), "linux", null, T0, ct);
        await Store.SetJobRouteAsync(Key(3), "linux", null, T0, ct);
        await Store.SetJobRouteAsync(Key(4), "gpu", null, T0, ct);

        var tallies = await Store.TallyPoolsAsync(["linux", "gpu", "empty"], ct);

        tallies.Select(t => t.Pool).ShouldBe(["linux", "gpu", "empty"]);
        tallies[0].QueuedJobs.ShouldBe(2);
        tallies[0].Instances.ShouldBe(new Dictionary<InstanceState, int> { [InstanceState.Pending] = 3, [InstanceState.Failed] = 1 }, ignoreOrder: true);
        tallies[1].QueuedJobs.ShouldBe(1);
        tallies[1].Instances.ShouldBe(new Dictionary<InstanceState, int> { [InstanceState.Pending] = 2 }, ignoreOrder: true);
        tallies[2].QueuedJobs.ShouldBe(0);
        tallies[2].Instances.ShouldBeEmpty();
        (await Store.TallyPoolsAsync([], ct)).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ProbeAsync_MigratedStore_Answers()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.ProbeAsync(ct);
    }
}
