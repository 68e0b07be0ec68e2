using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Actuation;

/// <summary>The pool's credential delivery, user and read-only root reach the provider with the spec.</summary>
public sealed class RunnerSpecIsolationTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_PoolWithFileDeliveryUserAndReadOnlyRoot_SpecCarriesThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = new PoolSpecBuilder().Build() with { CredentialDelivery = CredentialDelivery.File, User = "ci", ReadOnlyRoot = true };
        await using var h = await EngineHarness.StartAsync(pool, ct);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var spec = h.Provider.Specs.ShouldHaveSingleItem();
        (spec.CredentialDelivery, spec.User, spec.ReadOnlyRootFilesystem).ShouldBe((CredentialDelivery.File, "ci", true));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_PoolSettingNothing_SpecKeepsEnvironmentDeliveryAndTheProvidersDefaults()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder().Build(), ct);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var spec = h.Provider.Specs.ShouldHaveSingleItem();
        (spec.CredentialDelivery, spec.User, spec.ReadOnlyRootFilesystem).ShouldBe((CredentialDelivery.Environment, (string?)null, false));
    }
}
