using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Core.ScaleSets;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Forges.GitHub;

namespace Hangar.Forges.Tests.GitHub.ScaleSets;

/// <summary>The scale-set client against the emulator's Actions service, over real HTTP: the protocol of reference
/// section 6 in order, and each failure mode surfacing as the exception the listener recovers from.</summary>
public sealed class GitHubScaleSetServiceTests : IAsyncLifetime
{
    private static readonly ScaleSetSpec Linux = new("linux", ForgeTarget.Organization("acme"), null, ["linux", "x64"]);

    private EmulatorHost _emulator = null!;
    private GitHubForge _forge = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IScaleSetService Service => _forge.ScaleSets;

    public async ValueTask InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Token = TestForge.Token, ScaleSetPollWait = TimeSpan.FromMilliseconds(200), SessionTimeout = TimeSpan.FromMinutes(5) }, Ct);
        _forge = TestForge.ForEmulator(_emulator);
    }

    public async ValueTask DisposeAsync()
    {
        _forge.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task EnsureScaleSetAsync_AbsentThenPresent_CreatedOnceWithTheSpecsLabels()
    {
        var first = await Service.EnsureScaleSetAsync(Linux, Ct);
        var second = await Service.EnsureScaleSetAsync(Linux, Ct);

        second.Id.ShouldBe(first.Id);
        var set = _emulator.State.ScaleSets.ShouldHaveSingleItem();
        set.Labels.ShouldBe(["linux", "x64"]);
        set.Scope.ShouldBe(RunnerScope.Organization("acme"));
        set.DisableUpdate.ShouldBeTrue();
    }

    [Fact]
    public async Task FullCycle_JobOfferedAckedAcquiredRunAndCompleted_EveryMessageInOrderWithStatistics()
    {
        var set = await Service.EnsureScaleSetAsync(Linux, Ct);
        var session = await Service.CreateSessionAsync(Linux, set.Id, "test-owner", Ct);
        var job = _emulator.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"] }).Single();

        var offered = await NextMessageAsync(session, 0);
        offered.Jobs.ShouldHaveSingleItem().Type.ShouldBe(ScaleSetJobMessageType.JobAvailable);
        offered.Jobs[0].RunnerRequestId.ShouldBe(job.Id);
        offered.Jobs[0].RepositoryName.ShouldBe("app");
        offered.Statistics.TotalAvailableJobs.ShouldBe(1);
        await Service.AcknowledgeAsync(session, offered.MessageId, Ct);
        (await Service.AcquireJobsAsync(session, [job.Id, 999], Ct)).ShouldBe([job.Id]);

        var assigned = await NextMessageAsync(session, offered.MessageId);
        assigned.Jobs.ShouldHaveSingleItem().Type.ShouldBe(ScaleSetJobMessageType.JobAssigned);
        assigned.Statistics.TotalAssignedJobs.ShouldBe(1);
        await Service.AcknowledgeAsync(session, assigned.MessageId, Ct);

        var credential = await _forge.CreateRunnerCredentialAsync(Linux.Target, new RunnerRequest("hgr-linux-1", Linux.Labels, null) { ScaleSet = "linux" }, Ct);
        var runner = new EmulatedJitRunner(_emulator.State, credential);
        runner.TryTakeJob().ShouldBeTrue();
        runner.JobId.ShouldBe(job.Id);
        var started = await NextMessageAsync(session, assigned.MessageId);
        started.Jobs.ShouldHaveSingleItem().RunnerName.ShouldBe("hgr-linux-1");
        started.Jobs[0].RunnerAssignTime.ShouldNotBeNull();
        await Service.AcknowledgeAsync(session, started.MessageId, Ct);

        runner.Complete();
        var completed = await NextMessageAsync(session, started.MessageId);
        completed.Jobs.ShouldHaveSingleItem().Type.ShouldBe(ScaleSetJobMessageType.JobCompleted);
        completed.Jobs[0].Result.ShouldBe("succeeded");
        completed.Statistics.TotalAssignedJobs.ShouldBe(0);
        _emulator.State.ScaleSets.Single().MaxCapacity.ShouldBe(4);
    }

    [Fact]
    public async Task GetMessageAsync_NotAcknowledged_SameMessageAgainUntilAckOrLastMessageIdPasses()
    {
        var set = await Service.EnsureScaleSetAsync(Linux, Ct);
        var session = await Service.CreateSessionAsync(Linux, set.Id, "test-owner", Ct);
        _emulator.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] });

        var first = await NextMessageAsync(session, 0);
        var again = await NextMessageAsync(session, 0);
        again.MessageId.ShouldBe(first.MessageId);

        (await Service.GetMessageAsync(session, first.MessageId, 4, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateSessionAsync_AnotherSessionAlive_SessionConflict()
    {
        var set = await Service.EnsureScaleSetAsync(Linux, Ct);
        await Service.CreateSessionAsync(Linux, set.Id, "first", Ct);

        await Should.ThrowAsync<ScaleSetSessionConflictException>(() => Service.CreateSessionAsync(Linux, set.Id, "second", Ct));
        _emulator.State.SessionConflicts.ShouldBe(1);
    }

    [Fact]
    public async Task DeleteSessionAsync_ThenCreate_NoConflict()
    {
        var set = await Service.EnsureScaleSetAsync(Linux, Ct);
        await Service.DeleteSessionAsync(await Service.CreateSessionAsync(Linux, set.Id, "first", Ct), Ct);

        (await Service.CreateSessionAsync(Linux, set.Id, "second", Ct)).OwnerName.ShouldBe("second");
    }

    [Fact]
    public async Task GetMessageAsync_QueueTokenExpired_UnauthorizedThenRefreshedSessionPolls()
    {
        var set = await Service.EnsureScaleSetAsync(Linux, Ct);
        var session = await Service.CreateSessionAsync(Linux, set.Id, "owner", Ct);
        _emulator.State.InjectScaleSetFault(ScaleSetFault.ExpireQueueTokens);

        await Should.ThrowAsync<ScaleSetQueueUnauthorizedException>(() => Service.GetMessageAsync(session, 0, 4, Ct));
        var refreshed = await Service.RefreshSessionAsync(session, Ct);

        refreshed.SessionId.ShouldBe(session.SessionId);
        (await Service.GetMessageAsync(refreshed, 0, 4, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task RefreshSessionAsync_SessionEvicted_SessionNotFound()
    {
        var set = await Service.EnsureScaleSetAsync(Linux, Ct);
        var session = await Service.CreateSessionAsync(Linux, set.Id, "owner", Ct);
        _emulator.State.InjectScaleSetFault(ScaleSetFault.EvictSessions);

        await Should.ThrowAsync<ScaleSetQueueUnauthorizedException>(() => Service.GetMessageAsync(session, 0, 4, Ct));
        await Should.ThrowAsync<ScaleSetSessionNotFoundException>(() => Service.RefreshSessionAsync(session, Ct));
    }

    [Fact]
    public async Task CreateSessionAsync_ScaleSetDeletedByGitHub_NotFoundThenEnsureRegistersANewOne()
    {
        var set = await Service.EnsureScaleSetAsync(Linux, Ct);
        _emulator.State.InjectScaleSetFault(ScaleSetFault.DeleteScaleSet, "linux").ShouldBeTrue();

        await Should.ThrowAsync<ScaleSetNotFoundException>(() => Service.CreateSessionAsync(Linux, set.Id, "owner", Ct));
        var again = await Service.EnsureScaleSetAsync(Linux, Ct);

        again.Id.ShouldNotBe(set.Id);
    }

    [Fact]
    public async Task CreateSessionAsync_BrokerIncident_SessionWithoutQueueUrl()
    {
        var set = await Service.EnsureScaleSetAsync(Linux, Ct);
        _emulator.State.InjectScaleSetFault(ScaleSetFault.EmptyQueueUrl);

        var session = await Service.CreateSessionAsync(Linux, set.Id, "owner", Ct);

        session.MessageQueueAccessToken.ShouldBeEmpty();
        session.MessageQueueUrl.Scheme.ShouldNotBe("http");
    }

    [Fact]
    public async Task EnsureScaleSetAsync_AdminTokenExpired_RegistersAgainAndSucceeds()
    {
        await Service.EnsureScaleSetAsync(Linux, Ct);
        _emulator.State.AdminTokensIssued.ShouldBe(1);
        _emulator.State.InjectScaleSetFault(ScaleSetFault.ExpireAdminTokens);

        await Service.EnsureScaleSetAsync(Linux, Ct);

        _emulator.State.AdminTokensIssued.ShouldBe(2);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task EnsureScaleSetAsync_TransientFailures_RetriedWithBackoffAndSucceeds(int status)
    {
        await Service.EnsureScaleSetAsync(Linux, Ct);
        _emulator.State.InjectScaleSetFault(ScaleSetFault.FailCalls, count: 2, status: status);

        (await Service.EnsureScaleSetAsync(Linux, Ct)).Name.ShouldBe("linux");
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_NameTakenInTheScaleSet_NameConflict()
    {
        await Service.EnsureScaleSetAsync(Linux, Ct);
        var request = new RunnerRequest("hgr-linux-1", Linux.Labels, null) { ScaleSet = "linux" };
        await _forge.CreateRunnerCredentialAsync(Linux.Target, request, Ct);

        await Should.ThrowAsync<RunnerNameConflictException>(() => _forge.CreateRunnerCredentialAsync(Linux.Target, request, Ct));
    }

    private async Task<ScaleSetMessage> NextMessageAsync(ScaleSetSession session, long lastMessageId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await Service.GetMessageAsync(session, lastMessageId, 4, timeout.Token) is { } message)
            {
                return message;
            }
        }
    }
}
