using Hangar.Core.Providers;

namespace Hangar.Testing.Providers;

public abstract partial class ProviderContractTests
{
    [Fact]
    public async Task ListAsync_SeveralControllersAndPools_ReturnsOnlyOursFilteredByPool()
    {
        var mine = NewProvider();
        var theirs = NewProvider(NewControllerId());
        var a1 = await mine.CreateAsync(Spec("pool-a"), Ct).Within();
        var a2 = await mine.CreateAsync(Spec("pool-a"), Ct).Within();
        var b1 = await mine.CreateAsync(Spec("pool-b"), Ct).Within();
        var foreign = await theirs.CreateAsync(Spec("pool-a"), Ct).Within();

        (await mine.ListAsync(cancellationToken: Ct).Within()).Select(i => i.Name).ShouldBe([a1.Name, a2.Name, b1.Name], ignoreOrder: true);
        var poolA = await mine.ListAsync("pool-a", Ct).Within();
        poolA.Select(i => i.Name).ShouldBe([a1.Name, a2.Name], ignoreOrder: true);
        poolA.ShouldAllBe(i => i.Pool == "pool-a" && i.Status == ProviderInstanceStatus.Running);
        (await theirs.ListAsync(cancellationToken: Ct).Within()).ShouldBe([foreign]);
    }

    [Fact]
    public async Task OtherControllersMachine_SameName_IsNeitherSeenNorTouched()
    {
        var mine = NewProvider();
        var theirController = NewControllerId();
        var foreign = await NewProvider(theirController).CreateAsync(Spec(), Ct).Within();

        (await mine.GetAsync(foreign.Name, Ct).Within()).ShouldBeNull();
        var error = await Should.ThrowAsync<InvalidOperationException>(mine.CreateAsync(Spec(foreign.Name, "pool-a", LongRunning), Ct).Within());
        await mine.DeleteAsync(foreign.Name, Ct).Within();

        error.Message.ShouldContain(foreign.Name);
        (await RunsOutsideAsync(foreign.Name)).ShouldBeTrue();
        (await MachinesOutsideAsync(theirController)).ShouldBe([foreign.Name]);
        (await MachinesOutsideAsync(ControllerId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartStop_OtherControllersMachine_ReturnNullAndLeaveItRunning()
    {
        var mine = NewProvider();
        SkipUnless(mine, ProviderCapabilities.StartStop);
        var foreign = await NewProvider(NewControllerId()).CreateAsync(Spec(), Ct).Within();

        (await mine.StopAsync(foreign.Name, Ct).Within()).ShouldBeNull();
        (await mine.StartAsync(foreign.Name, cancellationToken: Ct).Within()).ShouldBeNull();

        (await RunsOutsideAsync(foreign.Name)).ShouldBeTrue();
    }
}
