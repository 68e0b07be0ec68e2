using Hangar.Core.Providers;

namespace Hangar.Testing.Providers;

public abstract partial class ProviderContractTests
{
    [Fact]
    public async Task CreateAsync_NewName_RunsTheMachine()
    {
        var provider = NewProvider();
        var spec = Spec();

        var instance = await provider.CreateAsync(spec, Ct).Within();

        instance.Name.ShouldBe(spec.Name);
        instance.Pool.ShouldBe("pool-a");
        instance.Status.ShouldBe(ProviderInstanceStatus.Running);
        (await provider.GetAsync(spec.Name, Ct).Within()).ShouldBe(instance);
        (await MachinesOutsideAsync(ControllerId)).ShouldBe([spec.Name]);
        (await RunsOutsideAsync(spec.Name)).ShouldBeTrue();
    }

    [Fact]
    public async Task CreateAsync_Twice_ReturnsTheSameMachine()
    {
        var provider = NewProvider();
        var spec = Spec();

        var first = await provider.CreateAsync(spec, Ct).Within();
        var second = await provider.CreateAsync(spec, Ct).Within();

        second.ProviderId.ShouldBe(first.ProviderId);
        second.Status.ShouldBe(ProviderInstanceStatus.Running);
        (await provider.ListAsync(cancellationToken: Ct).Within()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_ConcurrentCallersSameName_CreateOneMachine()
    {
        var providers = Enumerable.Range(0, 4).Select(_ => NewProvider()).ToList();
        var spec = Spec();

        var results = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => Task.Run(() => providers[i % providers.Count].CreateAsync(spec, Ct), Ct))).Within();

        results.Select(r => r.ProviderId).Distinct().Count().ShouldBe(1);
        results.ShouldAllBe(r => r.Status == ProviderInstanceStatus.Running);
        (await providers[0].ListAsync(cancellationToken: Ct).Within()).Count.ShouldBe(1);
        (await MachinesOutsideAsync(ControllerId)).ShouldBe([spec.Name]);
        (await RunsOutsideAsync(spec.Name)).ShouldBeTrue();
    }

    [Fact]
    public async Task CreateAsync_Unrunnable_ThrowsNamingWhatIsMissingAndLeavesNothing()
    {
        var provider = NewProvider();
        var (spec, missing) = Unrunnable(Spec());

        var error = await Should.ThrowAsync<InvalidOperationException>(provider.CreateAsync(spec, Ct).Within());

        error.Message.ShouldContain(missing);
        (await provider.GetAsync(spec.Name, Ct).Within()).ShouldBeNull();
        (await MachinesOutsideAsync(ControllerId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteAsync_Twice_RemovesOnceThenIsNoOp()
    {
        var provider = NewProvider();
        var spec = Spec();
        await provider.CreateAsync(spec, Ct).Within();

        await provider.DeleteAsync(spec.Name, Ct).Within();
        await provider.DeleteAsync(spec.Name, Ct).Within();

        (await provider.GetAsync(spec.Name, Ct).Within()).ShouldBeNull();
        (await provider.ListAsync(cancellationToken: Ct).Within()).ShouldBeEmpty();
        (await MachinesOutsideAsync(ControllerId)).ShouldBeEmpty();
        (await RunsOutsideAsync(spec.Name)).ShouldBeFalse();
    }

    [Fact]
    public async Task DeleteAsync_NeverCreated_IsNoOp()
    {
        var provider = NewProvider();
        var name = UniqueName();

        await provider.DeleteAsync(name, Ct).Within();

        (await provider.GetAsync(name, Ct).Within()).ShouldBeNull();
        (await provider.ListAsync(cancellationToken: Ct).Within()).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetAsync_CommandEnded_ReportsExited()
    {
        var provider = NewProvider();
        var spec = Spec(UniqueName(), "pool-a", "sleep 0.2; exit 3");
        await provider.CreateAsync(spec, Ct).Within();

        await Poll.UntilAsync(
            async () => (await provider.GetAsync(spec.Name, Ct))?.Status == ProviderInstanceStatus.Exited, Patience, "the runner to exit", Ct);

        (await provider.ListAsync(cancellationToken: Ct).Within()).Single().Status.ShouldBe(ProviderInstanceStatus.Exited);
        // Create is idempotent by name: an ended runner is returned as it is, not run again.
        (await provider.CreateAsync(spec, Ct).Within()).Status.ShouldBe(ProviderInstanceStatus.Exited);
    }

    [Fact]
    public async Task NewProviderObject_SameControllerId_FindsAndDeletesWhatTheOldOneMade()
    {
        var before = NewProvider();
        var spec = Spec();
        var created = await before.CreateAsync(spec, Ct).Within();

        // A restarted Hangar after a crash: a fresh provider with the same configuration and nothing in memory.
        var after = NewProvider();

        (await after.GetAsync(spec.Name, Ct).Within()).ShouldBe(created);
        (await after.ListAsync("pool-a", Ct).Within()).ShouldBe([created]);
        (await after.CreateAsync(spec, Ct).Within()).ProviderId.ShouldBe(created.ProviderId);
        await after.DeleteAsync(spec.Name, Ct).Within();
        (await RunsOutsideAsync(spec.Name)).ShouldBeFalse();
        (await MachinesOutsideAsync(ControllerId)).ShouldBeEmpty();
    }
}
