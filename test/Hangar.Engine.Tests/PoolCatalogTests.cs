using Hangar.Core.Operators;
using Hangar.Core.Pools;

namespace Hangar.Engine.Tests;

/// <summary>
/// The pools the engine acts on: the file's, with operators' overrides on top. An override wins until it is cleared, also
/// when a reload changes the same key; the file's value is kept beside it.
/// </summary>
public sealed class PoolCatalogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);

    private static PoolSpec Pool(string name, int maxRunners = 10) => new()
    {
        Name = name, Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["linux"], Provider = "docker", MaxRunners = maxRunners,
    };

    private static PoolOverride Override(string pool, int? maxRunners = null, bool? enabled = null) =>
        new() { Pool = pool, MaxRunners = maxRunners, Enabled = enabled, SetBy = "config:alice", SetAt = T0 };

    [Fact]
    public void ApplyOverrides_SetValuesWinUnsetKeepTheFile()
    {
        var catalog = new PoolCatalog(new EngineOptions { Pools = [Pool("a") with { MinIdle = 2 }, Pool("b")] });

        catalog.ApplyOverrides([Override("a", maxRunners: 3, enabled: false)]).ShouldBeTrue();

        var a = catalog.Find("a")!;
        (a.MaxRunners, a.Enabled, a.MinIdle).ShouldBe((3, false, 2));
        catalog.FindConfigured("a")!.MaxRunners.ShouldBe(10);
        catalog.Find("b").ShouldBeSameAs(catalog.FindConfigured("b"));
        catalog.All.Select(p => p.MaxRunners).ShouldBe([3, 10]);
    }

    [Fact]
    public void ApplyOverrides_SameAsBefore_NothingChangesAndTheListKeepsItsIdentity()
    {
        var catalog = new PoolCatalog(new EngineOptions { Pools = [Pool("a")] });
        catalog.ApplyOverrides([Override("a", maxRunners: 3)]);
        var list = catalog.All;
        var version = catalog.Version;

        catalog.ApplyOverrides([Override("a", maxRunners: 3)]).ShouldBeFalse();

        catalog.All.ShouldBeSameAs(list);
        catalog.Version.ShouldBe(version);
    }

    [Fact]
    public void ReplaceConfigured_ReloadChangesAnOverriddenKey_OverrideStillWinsFileValueShown()
    {
        var catalog = new PoolCatalog(new EngineOptions { Pools = [Pool("a", maxRunners: 10)] });
        catalog.ApplyOverrides([Override("a", maxRunners: 3)]);

        catalog.ReplaceConfigured([Pool("a", maxRunners: 20), Pool("new")]);

        catalog.Find("a")!.MaxRunners.ShouldBe(3);
        catalog.FindConfigured("a")!.MaxRunners.ShouldBe(20);
        catalog.Find("new").ShouldNotBeNull();
    }

    [Fact]
    public void ApplyOverrides_Cleared_FileValueAppliesAgain()
    {
        var catalog = new PoolCatalog(new EngineOptions { Pools = [Pool("a", maxRunners: 10)] });
        catalog.ApplyOverrides([Override("a", maxRunners: 3)]);

        catalog.ApplyOverrides([]).ShouldBeTrue();

        catalog.Find("a")!.MaxRunners.ShouldBe(10);
        catalog.FindOverride("a").ShouldBeNull();
    }

    [Fact]
    public void ReplaceConfigured_PoolRemoved_GoneEvenWithAnOverride()
    {
        var catalog = new PoolCatalog(new EngineOptions { Pools = [Pool("a"), Pool("b")] });
        catalog.ApplyOverrides([Override("b", enabled: false)]);

        catalog.ReplaceConfigured([Pool("a")]);

        catalog.Find("b").ShouldBeNull();
        catalog.All.ShouldHaveSingleItem().Name.ShouldBe("a");
    }
}
