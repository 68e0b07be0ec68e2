using Hangar.Core.Providers;

namespace Hangar.Testing.Providers;

/// <summary>The stopped tier's part of the contract: made without running, listed as created, started later with its
/// secrets by file, idempotent by name, deleted like any machine.</summary>
public abstract partial class ProviderContractTests
{
    [Fact]
    public async Task PrepareAsync_MakesTheMachineWithoutRunningIt()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.Prepare);
        var spec = Spec(UniqueName(), "pool-a", "echo ran > ran.txt; " + LongRunning) with { CredentialDelivery = CredentialDelivery.File };

        var prepared = await provider.PrepareAsync(spec, Ct).Within();

        prepared.Name.ShouldBe(spec.Name);
        prepared.Status.ShouldBe(ProviderInstanceStatus.Created);
        (await provider.GetAsync(spec.Name, Ct).Within()).ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Created);
        (await provider.ListAsync("pool-a", Ct).Within()).ShouldHaveSingleItem().Status.ShouldBe(ProviderInstanceStatus.Created);
        (await RunsOutsideAsync(spec.Name)).ShouldBeFalse();
        (await MachinesOutsideAsync(ControllerId)).ShouldBe([spec.Name]);
        (await ReadOutputAsync(spec.Name, "ran.txt")).ShouldBeNull();
    }

    [Fact]
    public async Task PrepareAsync_Twice_ReturnsTheSameMachine()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.Prepare);
        var spec = Spec() with { CredentialDelivery = CredentialDelivery.File };
        var first = await provider.PrepareAsync(spec, Ct).Within();

        var again = await NewProvider().PrepareAsync(spec, Ct).Within();

        again.ProviderId.ShouldBe(first.ProviderId);
        (await MachinesOutsideAsync(ControllerId)).ShouldBe([spec.Name]);
    }

    [Fact]
    public async Task StartAsync_PreparedWithSecrets_RunnerReadsThemFromFiles()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.Prepare);
        var spec = Spec(UniqueName(), "pool-a",
            "d=\"$HANGAR_CREDENTIALS_DIRECTORY\"; echo \"$(cat \"$d/TOKEN\")|$(cat \"$d/HANGAR_INSTANCE_TOKEN\")|${TOKEN:-unset}\" > seen.txt; " + LongRunning) with
        {
            CredentialDelivery = CredentialDelivery.File,
        };
        await provider.PrepareAsync(spec, Ct).Within();

        // Minted only now, by a Hangar that may have restarted since the machine was made; a provider whose machine
        // keeps the token it was made with (TokenAtMake) is handed that one again.
        var token = provider.Capabilities.HasFlag(ProviderCapabilities.TokenAtMake) ? spec.InstanceToken.ShouldNotBeNull() : await IssueInstanceTokenAsync(spec.Name);
        var started = await NewProvider().StartAsync(
            spec.Name, new Dictionary<string, string> { ["TOKEN"] = Secret, [RunnerEnvironment.InstanceToken] = token }, Ct).Within();

        started.ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Running);
        await OutputAsync(spec.Name, "seen.txt", $"{Secret}|{token}|unset");
        (await RunsOutsideAsync(spec.Name)).ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteAsync_Prepared_LeavesNothing()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.Prepare);
        var spec = Spec() with { CredentialDelivery = CredentialDelivery.File };
        await provider.PrepareAsync(spec, Ct).Within();

        await provider.DeleteAsync(spec.Name, Ct).Within();

        (await provider.GetAsync(spec.Name, Ct).Within()).ShouldBeNull();
        (await MachinesOutsideAsync(ControllerId)).ShouldBeEmpty();
    }
}
