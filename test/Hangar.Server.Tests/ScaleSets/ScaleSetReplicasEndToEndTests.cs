using Hangar.Server.Tests.EndToEnd;

namespace Hangar.Server.Tests.ScaleSets;

/// <summary>
/// Two replicas on PostgreSQL with the forge in scale-set mode (issue 12 item 3): the listener's session is owned
/// through the <c>source:</c> lease, so only one replica polls it. Killing that replica moves the session to the other,
/// which waits out the dead one's session if it is still alive (409) and goes on from the stored cursor: no job lost,
/// none served twice.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScaleSetReplicasEndToEndTests
{
    [Fact]
    public async Task Replicas_SessionOwnerKilledMidBurst_OtherTakesTheSessionAndServesEveryJobOnce()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(5));
        var ct = cts.Token;
        await using var pair = await ReplicaPair.StartAsync("4s", "2s", ct, scaleSets: true);
        var state = pair.Emulator.State;
        await Poll.UntilAsync(async () => await pair.SessionOwnerAsync() is { } owner && owner.StartsWith("a/", StringComparison.Ordinal)
            && state.Sessions.Any(s => s.FirstPollLastMessageId is not null), TimeSpan.FromSeconds(60), "replica a's listener to poll", ct, Probes.LookInterval);
        state.Sessions.Count.ShouldBe(1, "replica b holds no session while a owns it");
        state.SessionConflicts.ShouldBe(0, "replica b never asked for one either");

        pair.QueueJobs(6);
        await Poll.UntilAsync(async () => await Probes.CountContainersAsync(pair.ControllerId) >= 2, TimeSpan.FromSeconds(90), "containers to appear", ct, Probes.LookInterval);
        await pair.A.KillAsync();

        await Poll.UntilAsync(async () => await pair.SessionOwnerAsync() is { } owner && owner.StartsWith("b/", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "replica b to own the listener", ct, TimeSpan.FromMilliseconds(100));

        // Jobs queued after the kill reach Hangar only through b's session.
        pair.QueueJobs(4);
        await pair.WaitAllServedAndCleanAsync(pair.B, TimeSpan.FromMinutes(3), ct);

        state.Jobs.Count.ShouldBe(10);
        state.Jobs.ShouldAllBe(j => j.Conclusion == "success" && j.ScaleSetId != null);

        // Two sessions were ever polled, a's and then b's, and b's first poll went on from the cursor a had stored.
        var firstPolls = state.FirstPollLastMessageIds;
        firstPolls.Count.ShouldBe(2);
        firstPolls[1].ShouldBeGreaterThan(0);
        state.ScaleSets.Count(s => !s.Deleted).ShouldBe(1, "the scale set is re-used by the new owner, never registered twice");
    }
}
