using Hangar.Engine.Actuation;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>
/// Two installations (two engines over their own stores, with their own controller ids) serving the same pool name at
/// the same organization, so one forge: each cleans up its own registrations and never the other's.
/// </summary>
public sealed class ForgeOrphansInstallationsTests
{
    private static EngineHarnessOptions Installation(string controllerId, RecordingForge forge) => new()
    {
        Pools = [new PoolSpecBuilder().WithMinIdle(1).Build()],
        Forges = [forge],
        Configure = o => o with { ControllerId = controllerId },
    };

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_TwoInstallationsSamePoolSameTarget_NeitherRemovesTheOthersIdleRunner()
    {
        var ct = TestContext.Current.CancellationToken;
        var forge = new RecordingForge();
        await using var a = await EngineHarness.StartAsync(Installation("site-a", forge), ct);
        await using var b = await EngineHarness.StartAsync(Installation("site-b", forge), ct);
        await a.ConvergeAsync(ct);
        await b.ConvergeAsync(ct);
        var runnerOfA = (await a.LiveInstancesAsync(ct)).ShouldHaveSingleItem().Name;
        var runnerOfB = (await b.LiveInstancesAsync(ct)).ShouldHaveSingleItem().Name;
        forge.MarkOnline(runnerOfA);
        forge.MarkOnline(runnerOfB);

        foreach (var h in new[] { a, b })
        {
            await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
            h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace * 2);
            await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        }

        forge.Removes.ShouldBeEmpty();
        forge.Find(runnerOfA).ShouldNotBeNull();
        forge.Find(runnerOfB).ShouldNotBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_TwoInstallationsEachWithAnOrphan_EachRemovesOnlyItsOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        var forge = new RecordingForge();
        await using var a = await EngineHarness.StartAsync(Installation("site-a", forge), ct);
        await using var b = await EngineHarness.StartAsync(Installation("site-b", forge), ct);
        // Registrations left by a crash between minting and storing: offline, and no row in either store.
        var orphanOfA = forge.Register(a.Pool.Target, InstanceNames.New(a.Pool.Name, InstanceNames.ControllerTag("site-a")), a.Pool.Labels);
        var orphanOfB = forge.Register(b.Pool.Target, InstanceNames.New(b.Pool.Name, InstanceNames.ControllerTag("site-b")), b.Pool.Labels);

        await a.RunPassAsync(a.ForgeOrphansPass.RunAsync, ct);
        a.Clock.Advance(a.EngineOptions.Loops.ForgeOrphanGrace * 2);
        await a.RunPassAsync(a.ForgeOrphansPass.RunAsync, ct);

        forge.Removes.ShouldBe([orphanOfA.Id]);

        await b.RunPassAsync(b.ForgeOrphansPass.RunAsync, ct);
        b.Clock.Advance(b.EngineOptions.Loops.ForgeOrphanGrace * 2);
        await b.RunPassAsync(b.ForgeOrphansPass.RunAsync, ct);

        forge.Removes.ShouldBe([orphanOfA.Id, orphanOfB.Id]);
        forge.Runners.ShouldBeEmpty();
    }
}
