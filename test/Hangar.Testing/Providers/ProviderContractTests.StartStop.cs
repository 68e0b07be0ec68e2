using Hangar.Core.Providers;

namespace Hangar.Testing.Providers;

public abstract partial class ProviderContractTests
{
    [Fact]
    public async Task StopAsync_Running_StopsAndKeepsTheMachine()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.StartStop);
        var spec = Spec();
        await provider.CreateAsync(spec, Ct).Within();

        var stopped = (await provider.StopAsync(spec.Name, Ct).Within()).ShouldNotBeNull();

        stopped.Name.ShouldBe(spec.Name);
        stopped.Status.ShouldBe(ProviderInstanceStatus.Exited);
        (await provider.GetAsync(spec.Name, Ct).Within()).ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Exited);
        (await provider.ListAsync("pool-a", Ct).Within()).Select(i => i.Name).ShouldBe([spec.Name]);
        (await RunsOutsideAsync(spec.Name)).ShouldBeFalse();
        (await MachinesOutsideAsync(ControllerId)).ShouldBe([spec.Name]);
    }

    [Fact]
    public async Task StopAsync_Twice_SecondIsNoOp()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.StartStop);
        var spec = Spec();
        await provider.CreateAsync(spec, Ct).Within();
        await provider.StopAsync(spec.Name, Ct).Within();

        var again = await provider.StopAsync(spec.Name, Ct).Within();

        again.ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Exited);
        (await MachinesOutsideAsync(ControllerId)).ShouldBe([spec.Name]);
    }

    [Fact]
    public async Task StartAsync_Stopped_RunsItAgain()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.StartStop);
        var spec = Spec(UniqueName(), "pool-a", "echo started >> starts.txt; " + LongRunning);
        await provider.CreateAsync(spec, Ct).Within();
        await OutputAsync(spec.Name, "starts.txt", "started");
        await provider.StopAsync(spec.Name, Ct).Within();

        // A restarted Hangar can start what the previous one stopped.
        var started = (await NewProvider().StartAsync(spec.Name, cancellationToken: Ct).Within()).ShouldNotBeNull();

        started.Status.ShouldBe(ProviderInstanceStatus.Running);
        (await RunsOutsideAsync(spec.Name)).ShouldBeTrue();
        await OutputAsync(spec.Name, "starts.txt", "started\nstarted");
        (await provider.ListAsync(cancellationToken: Ct).Within()).ShouldBe([started]);
    }

    [Fact]
    public async Task StartAsync_Running_IsNoOp()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.StartStop);
        var spec = Spec();
        var created = await provider.CreateAsync(spec, Ct).Within();

        var started = await provider.StartAsync(spec.Name, cancellationToken: Ct).Within();

        started.ShouldBe(created);
        (await RunsOutsideAsync(spec.Name)).ShouldBeTrue();
    }

    [Fact]
    public async Task StartStop_NoSuchMachine_ReturnNull()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.StartStop);
        var name = UniqueName();

        (await provider.StartAsync(name, cancellationToken: Ct).Within()).ShouldBeNull();
        (await provider.StopAsync(name, Ct).Within()).ShouldBeNull();

        (await MachinesOutsideAsync(ControllerId)).ShouldBeEmpty();
    }
}
