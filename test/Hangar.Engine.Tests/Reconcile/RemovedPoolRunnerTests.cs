using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>
/// A runner whose pool was removed from the configuration is retired like any other: asked about at the forge (at the
/// targets the configuration still names) and deregistered before its machine goes, and kept while it runs a job.
/// </summary>
public sealed class RemovedPoolRunnerTests
{
    private const string RemovedPool = "gone";

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_IdleRunnerOfARemovedPoolTookAJob_ForgeSaysBusy_Kept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await IdleRunnerOfRemovedPoolAsync(h, "hgr-gone-aaaaaaaaaa");
        h.Forge.MarkBusy(runner.Name);

        var plan = await h.ConvergeAsync(ct);

        plan.Destroys.ShouldBe([new InstanceDestroy(runner.Name, RemovedPool, DestroyReason.PoolRemoved)]);
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Provider.Deletes.ShouldBeEmpty();
        h.Forge.Removes.ShouldBeEmpty();
        h.Forge.Find(runner.Name).ShouldNotBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_IdleRunnerOfARemovedPool_DeregisteredThenItsMachineDeleted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await IdleRunnerOfRemovedPoolAsync(h, "hgr-gone-bbbbbbbbbb");
        bool? registeredWhenMachineDeleted = null;
        h.Provider.OnDelete = (name, _) =>
        {
            registeredWhenMachineDeleted = h.Forge.Find(name) is not null;
            return Task.CompletedTask;
        };

        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(runner.Name, ct)).ShouldContain(t => t.Reason == "pool removed");
        registeredWhenMachineDeleted.ShouldBe(false);
        h.Forge.Find(runner.Name).ShouldBeNull();
        h.Provider.Find(runner.Name).ShouldBeNull();
    }

    /// <summary>An idle runner a previous configuration's pool made, registered at the target the current pool serves.</summary>
    private static async Task<Instance> IdleRunnerOfRemovedPoolAsync(EngineHarness h, string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var removed = h.Pool with { Name = RemovedPool };
        var intent = await h.InsertIntentAsync(name, removed, ct);
        h.Provider.AddMachine(name, RemovedPool);
        var registration = h.Forge.Register(h.Pool.Target, name);
        h.Forge.MarkOnline(name);
        var idle = await h.Transitions.MoveThroughAsync(intent, InstanceState.Idle, "made under the old configuration", new InstanceChanges { ForgeRunnerId = registration.Id }, ct);
        return idle.ShouldNotBeNull();
    }
}
