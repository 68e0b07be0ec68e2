using Hangar.Emulator.State;
using Hangar.Server.Tests.EndToEnd;

namespace Hangar.Server.Tests.ScaleSets;

/// <summary>
/// Each failure mode of the scale-set protocol (reference sections 6.3 and 8), injected in the emulator while Hangar
/// listens: the jobs queued around it are still served, each by one runner of its set, nothing is left behind, and
/// Hangar logs what it did about it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScaleSetFailureModeTests
{
    public static TheoryData<string> Faults => new(
        "session_conflict", "queue_token_expired", "session_evicted", "empty_queue_url", "scale_set_deleted", "server_errors", "rate_limited", "admin_token_expired");

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Serve_FaultInjected_JobsStillServedOnceAndTheRecoveryLogged(string fault)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var server = await ScaleSetServer.CreateAsync(cts.Token);
        await server.StartAsync();
        await server.ListeningAsync(cts.Token);

        var expected = Inject(server.Emulator.State, fault);
        server.Queue(linux: 2, gpu: 2);

        await server.AllServedAndCleanAsync(TimeSpan.FromMinutes(2), cts.Token);
        server.Emulator.State.Jobs.Count.ShouldBe(4);
        server.AssertEachJobServedOnceByItsScaleSet();
        await Poll.UntilAsync(() => Task.FromResult(server.Log().Contains(expected, StringComparison.Ordinal)), TimeSpan.FromSeconds(30), $"the log line '{expected}'", cts.Token);
    }

    /// <summary>Injects the fault; returns the text Hangar's log must show.</summary>
    private static string Inject(EmulatorState state, string fault)
    {
        switch (fault)
        {
            case "session_conflict":
                // A stale session replaces the live ones (as after a crash): the listeners' sessions are gone, and the
                // new ones are refused until the stale one expires.
                state.InjectScaleSetFault(ScaleSetFault.SessionConflict, duration: TimeSpan.FromSeconds(4));
                return "scale set already has an active session";
            case "queue_token_expired":
                state.InjectScaleSetFault(ScaleSetFault.ExpireQueueTokens);
                return "message queue refused the session token; session refreshed";
            case "session_evicted":
                state.InjectScaleSetFault(ScaleSetFault.EvictSessions);
                return "creating a new one";
            case "empty_queue_url":
                state.InjectScaleSetFault(ScaleSetFault.EmptyQueueUrl, count: 1);
                state.InjectScaleSetFault(ScaleSetFault.EvictSessions);
                return "has no message queue URL or token";
            case "scale_set_deleted":
                state.InjectScaleSetFault(ScaleSetFault.DeleteScaleSet, "linux");
                return "no longer exists at the forge; registering it again";
            case "server_errors":
                state.InjectScaleSetFault(ScaleSetFault.FailCalls, count: 10, status: 503);
                return "scale-set call failed, retrying";
            case "rate_limited":
                state.InjectScaleSetFault(ScaleSetFault.FailCalls, count: 3, status: 429);
                return "rate limit (429)";
            default:
                state.InjectScaleSetFault(ScaleSetFault.ExpireAdminTokens);
                return "refused the admin token";
        }
    }
}
