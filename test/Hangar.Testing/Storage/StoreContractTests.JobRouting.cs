using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>Jobs listed by where routing left them, and the repositories jobs came from: the reads converge and the
/// queued-jobs sweep make, bounded however many jobs are stored (issue 9 item 2).</summary>
public abstract partial class StoreContractTests<TBackend>
{
    /// <summary>Queued jobs: 1 and 2 not routed yet, 3 unroutable, 4 routed to linux, 5 to gpu, 6 to a pool since removed;
    /// 7 routed to linux but in progress.</summary>
    private async Task SeedRoutedJobsAsync()
    {
        for (var id = 1; id <= 7; id++)
        {
            await Store.RecordJobEventAsync(Event(id, JobStatus.Queued) with { CreatedAt = T0.AddSeconds(id) }, T0, Ct);
        }

        await Store.SetJobRouteAsync(Key(3), null, "no pool has label gpu", T0, Ct);
        await Store.SetJobRouteAsync(Key(4), "linux", null, T0, Ct);
        await Store.SetJobRouteAsync(Key(5), "gpu", null, T0, Ct);
        await Store.SetJobRouteAsync(Key(6), "old", null, T0, Ct);
        await Store.SetJobRouteAsync(Key(7), "linux", null, T0, Ct);
        await Store.RecordJobEventAsync(Event(7, JobStatus.InProgress), T0, Ct);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_ByRouting_OnlyJobsRoutingLeftThere()
    {
        await SeedRoutedJobsAsync();
        var queued = new JobQuery { Statuses = [JobStatus.Queued] };

        (await ListIdsAsync(queued with { Routing = JobRouting.Unrouted })).ShouldBe([1, 2]);
        (await ListIdsAsync(queued with { Routing = JobRouting.Unroutable })).ShouldBe([3]);
        (await ListIdsAsync(queued with { Routing = JobRouting.Routed })).ShouldBe([4, 5, 6]);
        (await ListIdsAsync(new JobQuery { Routing = JobRouting.Routed, Pool = "linux" })).ShouldBe([4, 7]);
        (await ListIdsAsync(queued with { Routing = JobRouting.Unrouted, Order = ListOrder.NewestFirst, Limit = 1 })).ShouldBe([2]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_RoutedOutsidePools_OnlyJobsOfOtherPools()
    {
        await SeedRoutedJobsAsync();
        var queued = new JobQuery { Statuses = [JobStatus.Queued] };

        (await ListIdsAsync(queued with { RoutedOutside = ["linux", "gpu"] })).ShouldBe([6]);
        (await ListIdsAsync(queued with { RoutedOutside = ["linux"] })).ShouldBe([5, 6]);
        (await ListIdsAsync(queued with { RoutedOutside = [] })).ShouldBe([4, 5, 6]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobRepositoriesAsync_ManyJobsOfSomeRepositories_EachRepositoryChangedSinceOnce()
    {
        for (var id = 1; id <= 5; id++)
        {
            await Store.RecordJobEventAsync(Event(id, JobStatus.Queued) with { Owner = id == 1 ? null : "acme" }, T0.AddMinutes(id), Ct);
        }

        await Store.RecordJobEventAsync(Event(6, JobStatus.Queued) with { Repository = "acme/lib", Enterprise = "big" }, T0.AddMinutes(6), Ct);
        await Store.RecordJobEventAsync(Event(7, JobStatus.Queued) with { Forge = "ghes", Repository = "acme/app", Owner = null }, T0.AddMinutes(7), Ct);
        await Store.RecordJobEventAsync(Event(8, JobStatus.Queued) with { Repository = "old/app", Owner = "old" }, T0, Ct);

        var repositories = await Store.ListJobRepositoriesAsync(T0.AddMinutes(1), Ct);

        repositories.OrderBy(r => r.Forge, StringComparer.Ordinal).ThenBy(r => r.Repository, StringComparer.Ordinal).ShouldBe(
        [
            new JobRepository("ghes", "acme/app", null, null),
            new JobRepository("github", "acme/app", "acme", null),
            new JobRepository("github", "acme/lib", "acme", "big"),
        ]);
    }
}
