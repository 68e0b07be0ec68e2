using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary><see cref="JobQuery.Id"/>: what <c>hangar jobs show ID</c> reads, every forge and attempt of one job id.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsAsync_ById_EveryForgeAndAttemptOfThatIdOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedJobsAsync();
        await Store.RecordJobEventAsync(Event(3, JobStatus.Queued) with { Forge = "gitea", Attempt = 2, CreatedAt = T0.AddSeconds(20) }, T0, ct);

        var jobs = await Store.ListJobsAsync(new JobQuery { Id = 3, Order = ListOrder.NewestFirst }, ct);

        jobs.Select(j => j.Key).ShouldBe([new JobKey("gitea", 3, 2), Key(3)]);
        (await ListIdsAsync(new JobQuery { Id = 3, Statuses = [JobStatus.Completed] })).ShouldBeEmpty();
        (await ListIdsAsync(new JobQuery { Id = 99 })).ShouldBeEmpty();
    }
}
