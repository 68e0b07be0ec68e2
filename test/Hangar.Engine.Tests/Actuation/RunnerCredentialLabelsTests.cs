using Hangar.Core.Forges;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Actuation;

/// <summary>The pool's <c>implicit_labels</c> reaches the forge with the mint, where the forge decides what it adds.</summary>
public sealed class RunnerCredentialLabelsTests
{
    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConvergeAsync_PoolImplicitLabelsSetting_IsPassedToTheMint(bool implicitLabels)
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = new PoolSpecBuilder().WithLabels("self-hosted", "linux").Build() with { ImplicitLabels = implicitLabels };
        await using var h = await EngineHarness.StartAsync(pool, ct);
        RunnerRequest? minted = null;
        h.Forge.OnMint = (_, request, _) =>
        {
            minted = request;
            return Task.CompletedTask;
        };
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        minted.ShouldNotBeNull();
        minted.ImplicitLabels.ShouldBe(implicitLabels);
        minted.Labels.ShouldBe(["self-hosted", "linux"]);
    }
}
