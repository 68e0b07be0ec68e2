using Hangar.Emulator.State;
using Hangar.Server.Tests.EndToEnd;

namespace Hangar.Server.Tests.ScaleSets;

/// <summary>
/// Scale-set mode end to end on Docker through the emulator (issue 12): jobs reach Hangar only through the listener's
/// long poll (no webhook is configured), are served by runners registered in the right scale set, and nothing is left
/// behind; Hangar survives being killed mid-poll and mid-acquire.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScaleSetEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Serve_TwentyJobsOverTwoScaleSets_EachServedOnceByARunnerOfItsSetNothingLeft()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var server = await ScaleSetServer.CreateAsync(cts.Token);
        await server.StartAsync();
        await server.ListeningAsync(cts.Token);

        server.Queue(linux: 10, gpu: 10);
        await server.AllServedAndCleanAsync(TimeSpan.FromMinutes(3), cts.Token);

        server.Emulator.State.Jobs.Count.ShouldBe(20);
        server.AssertEachJobServedOnceByItsScaleSet();
        server.Emulator.State.ScaleSets.ShouldAllBe(s => s.MaxCapacity == 6);
        output.WriteLine($"registrations: {server.Emulator.State.Runners.Count} for 20 jobs; acquires: {server.Emulator.State.Acquires}");
    }

    // The killed server's session must still be alive when the restarted one asks (the 409 this test is about): a
    // restart under a loaded machine took longer than the 6 s default, the session had expired and no 409 came.
    private static readonly TimeSpan StaleSessionTimeout = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task Serve_KilledDuringLongPoll_RestartWaitsOutTheStaleSessionAndResumesFromItsLastMessage()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var server = await ScaleSetServer.CreateAsync(cts.Token, sessionTimeout: StaleSessionTimeout);
        await server.StartAsync();
        await server.ListeningAsync(cts.Token);
        server.Queue(linux: 2, gpu: 2);
        await server.AllServedAndCleanAsync(TimeSpan.FromMinutes(2), cts.Token);
        var handled = server.Emulator.State.LastMessageIdIssued;

        // The listeners are in a long poll now; a SIGKILL leaves both sessions behind at GitHub.
        await server.Process!.KillAsync();
        server.Queue(linux: 3, gpu: 3);
        await server.RestartAsync(kill: false);
        await server.AllServedAndCleanAsync(TimeSpan.FromMinutes(2), cts.Token);

        server.Emulator.State.SessionConflicts.ShouldBeGreaterThan(0);
        server.Log().ShouldContain("scale set already has an active session");
        server.Emulator.State.Jobs.Count.ShouldBe(10);
        server.AssertEachJobServedOnceByItsScaleSet();

        // Each restarted listener's first poll carried the last message it had handled, not 0.
        var firstPolls = server.Emulator.State.FirstPollLastMessageIds;
        firstPolls.Skip(2).Take(2).ShouldAllBe(id => id > 0 && id <= handled);
    }

    [Fact]
    public async Task Serve_KilledDuringAcquire_RestartAcquiresTheJobsAgainAndServesEachOnce()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var server = await ScaleSetServer.CreateAsync(cts.Token);
        await server.StartAsync();
        await server.ListeningAsync(cts.Token);
        server.Emulator.State.InjectScaleSetFault(ScaleSetFault.HoldAcquires, duration: TimeSpan.FromSeconds(30));

        server.Queue(linux: 3, gpu: 3);
        await Poll.UntilAsync(() => Task.FromResult(server.Emulator.State.AcquiresInFlight > 0), TimeSpan.FromSeconds(60), "an acquire in flight", cts.Token, Probes.LookInterval);
        await server.Process!.KillAsync();
        server.Emulator.State.InjectScaleSetFault(ScaleSetFault.HoldAcquires, duration: TimeSpan.Zero);

        await server.RestartAsync(kill: false);
        await server.AllServedAndCleanAsync(TimeSpan.FromMinutes(2), cts.Token);

        server.Emulator.State.Jobs.Count.ShouldBe(6);
        server.AssertEachJobServedOnceByItsScaleSet();
        server.Log().ShouldContain("re-acquired queued jobs stored before a restart");
    }
}
