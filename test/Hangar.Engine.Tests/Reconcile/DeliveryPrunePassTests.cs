using Hangar.Core.Storage;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

public sealed class DeliveryPrunePassTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_DeliveryOlderThanRetention_ForgottenSoItIsNoLongerADuplicate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.SubmitAsync(h.JobEvent(1, deliveryId: "d-1"), ct);
        h.Clock.Advance(h.EngineOptions.DeliveryRetention - TimeSpan.FromSeconds(1));

        await h.RunPassAsync(h.DeliveryPrunePass.RunAsync, ct);

        (await h.SubmitAsync(h.JobEvent(1, deliveryId: "d-1"), ct)).ShouldBe(JobEventOutcome.Duplicate);

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        await h.RunPassAsync(h.DeliveryPrunePass.RunAsync, ct);

        (await h.SubmitAsync(h.JobEvent(1, deliveryId: "d-1"), ct)).ShouldNotBe(JobEventOutcome.Duplicate);
    }
}
