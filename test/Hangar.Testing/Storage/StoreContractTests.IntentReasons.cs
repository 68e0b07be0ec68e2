using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>An intent made for a warm policy carries its own reason into its first history row (issue 18).</summary>
public abstract partial class StoreContractTests<TBackend>
{
    [Fact(Timeout = TestTimeout)]
    public async Task StorePlanAsync_IntentWithItsOwnReason_KeepsItOthersGetThePlansReason()
    {
        await Store.StorePlanAsync(
            [],
            [NewInstance("r1"), NewInstance("r2") with { LastReason = "warm: forecast 3.2 jobs/min" }],
            "planned: demand",
            T0,
            Ct);

        (await Store.GetHistoryAsync("r1", cancellationToken: Ct)).ShouldHaveSingleItem().Reason.ShouldBe("planned: demand");
        (await Store.GetHistoryAsync("r2", cancellationToken: Ct)).ShouldHaveSingleItem().Reason.ShouldBe("warm: forecast 3.2 jobs/min");
        (await GetInstanceAsync("r2")).LastReason.ShouldBe("warm: forecast 3.2 jobs/min");
    }
}
