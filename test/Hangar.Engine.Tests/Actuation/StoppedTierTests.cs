using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests.Actuation;

/// <summary>
/// The stopped tier through the engine: made and kept stopped with nothing minted, started for a job with a fresh
/// credential given by file, refilled, and recovered or replaced after a crash or a change behind its back.
/// </summary>
public sealed class StoppedTierTests
{

    private static EngineHarnessOptions Options(int minStopped = 1, int minIdle = 0) => new()
    {
        Pools = [new PoolSpecBuilder().Build() with { MinStopped = minStopped, MinIdle = minIdle, CredentialDelivery = CredentialDelivery.File }],
    };

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_MinStopped_PreparesWithoutMintingOrStarting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(minStopped: 2), ct);

        var plan = await h.ConvergeAsync(ct);

        plan.Prepares.ShouldHaveSingleItem().Count.ShouldBe(2);
        var live = await h.LiveInstancesAsync(ct);
        live.Count.ShouldBe(2);
        live.ShouldAllBe(i => i.State == InstanceState.Stopped && i.StoppedTier && i.ForgeRunnerId == null);
        h.Provider.Prepares.Count.ShouldBe(2);
        h.Provider.Creates.ShouldBeEmpty();
        h.Provider.Machines.ShouldAllBe(m => m.Status == ProviderInstanceStatus.Created);
        h.Provider.Specs.ShouldAllBe(s => s.SecretEnv.Count == 0 && s.InstanceToken == null && s.CredentialDelivery == CredentialDelivery.File);
        h.Forge.Mints.ShouldBeEmpty();
        (await h.ConvergeAsync(ct)).IsEmpty.ShouldBeTrue();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_JobWithStoppedMachine_StartsItWithAFreshCredentialAndRefillsTheTier()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        await h.ConvergeAsync(ct);
        var stopped = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Clock.Advance(TimeSpan.FromMinutes(20));

        await h.QueueJobAsync(1, ct);
        var plan = await h.ConvergeAsync(ct);

        plan.Starts.ShouldHaveSingleItem().Instance.ShouldBe(stopped.Name);
        plan.Creates.ShouldBeEmpty();
        var started = await h.InstanceAsync(stopped.Name, ct);
        started.State.ShouldBe(InstanceState.Booting);
        started.StartedAt.ShouldBe(h.Clock.GetUtcNow());
        started.ForgeRunnerId.ShouldBe(h.Forge.Find(stopped.Name).ShouldNotBeNull().Id);
        h.Provider.Starts.ShouldBe([stopped.Name]);
        var secrets = h.Provider.StartSecrets[stopped.Name];
        secrets.Keys.ShouldContain(RecordingForge.SecretEnvName);
        secrets.Keys.ShouldContain(RunnerEnvironment.InstanceToken);
        h.Provider.Creates.ShouldBeEmpty();

        // Refilled by the next pass (the start nudges it), not beside the start.
        (await h.LiveInstancesAsync(ct)).ShouldNotContain(i => i.State == InstanceState.Stopped);
        (await h.ConvergeAsync(ct)).Prepares.ShouldHaveSingleItem().Count.ShouldBe(1);
        var live = await h.LiveInstancesAsync(ct);
        live.Count(i => i.State == InstanceState.Stopped).ShouldBe(1);
        h.Provider.Prepares.Count.ShouldBe(2);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_PoolWithAgent_PreparedWithTheAgentsAddressAndStartedWithItsInstanceToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Options();
        await using var h = await EngineHarness.StartAsync(options with { Pools = [options.Pools[0] with { Agent = "/usr/local/bin/hangar-agent" }] }, ct);
        var agent = new Uri("http://127.0.0.1:7001/");
        h.Services.GetRequiredService<AgentEndpointAddress>().Set(agent);
        await h.ConvergeAsync(ct);
        var stopped = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();

        var prepared = h.Provider.Specs.ShouldHaveSingleItem();
        prepared.AgentAddress.ShouldBe(agent);
        prepared.Command[0].ShouldBe("/usr/local/bin/hangar-agent");
        prepared.InstanceToken.ShouldBeNull();

        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);

        h.Provider.StartSecrets[stopped.Name][RunnerEnvironment.InstanceToken].ShouldStartWith("hgi_");
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_ProviderKeepsTokenFromMake_PreparedWithATokenThatTheStartRenews()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        h.Provider.TokenAtMake = true;
        await h.ConvergeAsync(ct);
        var stopped = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        var token = h.Provider.Specs.ShouldHaveSingleItem().InstanceToken.ShouldNotBeNull();
        h.Provider.Specs.Single().SecretEnv.ShouldBeEmpty();
        var tokens = h.Services.GetRequiredService<InstanceTokens>();
        (await tokens.ValidateAsync(token, ct)).ShouldNotBeNull().Name.ShouldBe(stopped.Name);

        // Started late in its life: the token it was made with then lives a whole lifetime from the start.
        var pool = h.Pool;
        h.Clock.Advance(pool.Ttl - TimeSpan.FromMinutes(1));
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(stopped.Name, ct)).State.ShouldBe(InstanceState.Booting);
        var secrets = h.Provider.StartSecrets[stopped.Name];
        secrets.Keys.ShouldContain(RecordingForge.SecretEnvName);
        secrets.Keys.ShouldNotContain(RunnerEnvironment.InstanceToken);
        (await tokens.ValidateAsync(token, ct)).ShouldNotBeNull().ExpiresAt.ShouldBe(h.Clock.GetUtcNow() + InstanceTokens.LifetimeFor(pool));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_StartFails_InstanceFailedAndAColdCreateServesTheJob()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(minStopped: 1), ct);
        await h.ConvergeAsync(ct);
        var stopped = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Provider.FailNext(ProviderCallKind.Start, 1);

        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);

        var failed = await h.InstanceAsync(stopped.Name, ct);
        failed.State.ShouldBe(InstanceState.Failed);
        failed.LastError.ShouldNotBeNull().ShouldContain("injected start failure");

        await h.ConvergeAsync(ct);
        await h.ConvergeAsync(ct);
        (await h.InstanceAsync(stopped.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Forge.Find(stopped.Name).ShouldBeNull("the registration minted for the failed start is removed with it");
        // No stopped machine was left: the job is served by a cold create, and the tier is refilled beside it.
        var live = await h.LiveInstancesAsync(ct);
        var serving = live.Where(i => i.State == InstanceState.Booting).ShouldHaveSingleItem();
        serving.Name.ShouldNotBe(stopped.Name);
        serving.StoppedTier.ShouldBeFalse();
        h.Provider.Creates.ShouldBe([serving.Name]);
        live.Count(i => i.State == InstanceState.Stopped).ShouldBe(1);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Recovery_PrepareInterruptedWithMachineMade_KeptStoppedNotReplaced()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        var name = await CrashDuringPrepareAsync(h);
        h.Provider.AddMachine(name, h.Pool.Name, ProviderInstanceStatus.Created);

        await h.RecoverAsync(ct);

        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Stopped);
        (await h.ConvergeAsync(ct)).IsEmpty.ShouldBeTrue();
        h.Provider.Deletes.ShouldBeEmpty();
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(ProviderInstanceStatus.Running)]
    [InlineData(ProviderInstanceStatus.Exited)]
    public async Task Recovery_PrepareInterruptedWithMachineNotJustMade_FailedAndReplaced(ProviderInstanceStatus status)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        var name = await CrashDuringPrepareAsync(h);
        h.Provider.AddMachine(name, h.Pool.Name, status);

        await h.RecoverAsync(ct);

        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Failed);
        await h.ConvergeAsync(ct);
        await h.ConvergeAsync(ct);
        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Provider.Find(name).ShouldBeNull();
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Stopped);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Recovery_OrdinaryCreateInterruptedWithMachineMadeNotStarted_StillFailed()
    {
        var ct = TestContext.Current.CancellationToken;
        // The rule is kept for every other instance: a made-but-never-started machine is not a runner.
        await using var h = await EngineHarness.StartAsync(Options(minStopped: 0, minIdle: 1), ct);
        h.Provider.BlockCreates(CreateBlockPoint.AfterMachineExists);
        await h.ConvergeWithoutWaitingAsync(ct);
        await h.Provider.WaitForBlockedCreatesAsync(1, ct).WaitAsync(h.Timeout, ct);
        var name = h.Provider.BlockedCreates.Single();
        await h.RestartAsync(ct);
        h.Provider.ReleaseCreates();
        h.Provider.SetStatus(name, ProviderInstanceStatus.Created);

        await h.RecoverAsync(ct);

        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Failed);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Observe_StoppedWithMachineMadeNotStarted_Kept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        await h.ConvergeAsync(ct);
        var stopped = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(stopped.Name, ct)).State.ShouldBe(InstanceState.Stopped);
        h.Provider.Find(stopped.Name).ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Created);
        h.Provider.Deletes.ShouldBeEmpty();
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(ProviderInstanceStatus.Running)]
    [InlineData(ProviderInstanceStatus.Exited)]
    [InlineData(null)]
    public async Task Observe_StoppedWhoseMachineRanOrVanished_FailedAndReplaced(ProviderInstanceStatus? status)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        await h.ConvergeAsync(ct);
        var stopped = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        if (status is { } s)
        {
            h.Provider.SetStatus(stopped.Name, s);
        }
        else
        {
            h.Provider.Vanish(stopped.Name);
        }

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(stopped.Name, ct)).State.ShouldBe(InstanceState.Failed);
        await h.ConvergeAsync(ct);
        await h.ConvergeAsync(ct);
        (await h.InstanceAsync(stopped.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        var replacement = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        replacement.State.ShouldBe(InstanceState.Stopped);
        replacement.Name.ShouldNotBe(stopped.Name);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Observe_BootingWhoseMachineIsMadeNotStarted_StillKeptAsBefore()
    {
        var ct = TestContext.Current.CancellationToken;
        // Other states keep today's rule (a provider may list a booting machine as created while it comes up).
        await using var h = await EngineHarness.StartAsync(Options(minStopped: 0, minIdle: 1), ct);
        await h.ConvergeAsync(ct);
        var booting = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Provider.SetStatus(booting.Name, ProviderInstanceStatus.Created);

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(booting.Name, ct)).State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_MinStoppedLowered_RetiresTheSurplusWithoutAskingTheForgeToDrainIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(minStopped: 2), ct);
        await h.ConvergeAsync(ct);
        var before = await h.LiveInstancesAsync(ct);
        before.Count.ShouldBe(2);

        await h.RestartWithPoolsAsync([h.Pool with { MinStopped = 1 }], ct);
        var plan = await h.ConvergeAsync(ct);

        plan.Destroys.ShouldHaveSingleItem().Reason.ShouldBe(Core.Planning.DestroyReason.StoppedSurplus);
        var live = await h.LiveInstancesAsync(ct);
        live.ShouldHaveSingleItem().State.ShouldBe(InstanceState.Stopped);
        h.Provider.Machines.ShouldHaveSingleItem();
    }

    /// <summary>Lets a stopped-tier create reach the provider, then restarts the engine while the provider holds it, before
    /// the machine exists. Returns the instance's name.</summary>
    private static async Task<string> CrashDuringPrepareAsync(EngineHarness h)
    {
        var ct = TestContext.Current.CancellationToken;
        h.Provider.BlockCreates(CreateBlockPoint.BeforeMachineExists);
        await h.ConvergeWithoutWaitingAsync(ct);
        await h.Provider.WaitForBlockedCreatesAsync(1, ct).WaitAsync(h.Timeout, ct);
        var name = h.Provider.BlockedCreates.Single();
        await h.RestartAsync(ct);
        h.Provider.ReleaseCreates();
        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Provisioning);
        h.Provider.Find(name).ShouldBeNull();
        return name;
    }
}
