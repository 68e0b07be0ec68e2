using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>An instance keeps where its registration was minted (forge and target), whatever happens to its pool later.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    [Theory(Timeout = TestTimeout)]
    [InlineData(TargetScope.Repository, "acme/app")]
    [InlineData(TargetScope.Organization, "acme")]
    [InlineData(TargetScope.Enterprise, "acme-corp")]
    public async Task InsertInstanceAsync_WithForgeAndTarget_KeptThroughMovesAndLists(TargetScope scope, string target)
    {
        var ct = TestContext.Current.CancellationToken;
        var where = new ForgeTarget(scope, target);
        await Store.InsertInstanceAsync(NewInstance("r1") with { Forge = "ghes", Target = where }, "wanted", ct);

        var moved = await Store.TransitionAsync("r1", InstanceState.Provisioning, "provisioning", T0.AddSeconds(1), new InstanceChanges { IncrementAttempts = true }, ct);
        var updated = await Store.UpdateInstanceAsync("r1", new InstanceChanges { LastError = "x" }, ct);

        foreach (var instance in new[] { moved, updated, await GetInstanceAsync("r1"), (await Store.ListInstancesAsync(InstanceQuery.All, ct)).Single() })
        {
            instance.Forge.ShouldBe("ghes");
            instance.Target.ShouldBe(where);
        }
    }

    [Fact(Timeout = TestTimeout)]
    public async Task InsertInstanceAsync_WithoutForgeAndTarget_ReadBackAsNone()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", ct);

        var instance = await GetInstanceAsync("r1");

        instance.Forge.ShouldBeNull();
        instance.Target.ShouldBeNull();
    }
}
