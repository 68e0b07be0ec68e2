using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Actuation;

/// <summary>Creating runners: a converge pass turns a queued job into intents and the actuator carries them out.</summary>
public sealed class InstanceCreationTests
{
    private static readonly EngineHarnessOptions NoRetries = new()
    {
        Configure = o => o with { Loops = new() { CreateRetry = new() { MaxAttempts = 1 } } },
    };


    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_QueuedJob_StoresIntentBeforeCallingForgeOrProvider()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        Instance? atMint = null;
        IReadOnlyList<InstanceTransition> historyAtMint = [];
        Instance? atCreate = null;
        h.Forge.OnMint = async (_, request, ct) =>
        {
            atMint = await h.Store.GetInstanceAsync(request.Name, ct);
            historyAtMint = await h.Store.GetHistoryAsync(request.Name, 10, ct);
        };
        h.Provider.OnCreate = async (spec, ct) => atCreate = await h.Store.GetInstanceAsync(spec.Name, ct);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        atMint.ShouldNotBeNull("the row must exist before the forge is called");
        atMint.State.ShouldBe(InstanceState.Provisioning);
        historyAtMint.Select(t => t.To).ShouldBe([InstanceState.Provisioning, InstanceState.Pending]);
        atCreate.ShouldNotBeNull("the row must exist before the provider is called");
        atCreate.State.ShouldBe(InstanceState.Provisioning);
        atCreate.Name.ShouldBe(atMint.Name);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_QueuedJob_CreatesOneBootingInstanceWithProviderAndRunnerIds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);

        var plan = await h.ConvergeAsync(ct);

        plan.Creates.ShouldHaveSingleItem().Count.ShouldBe(1);
        var instance = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        instance.State.ShouldBe(InstanceState.Booting);
        instance.Pool.ShouldBe(h.Pool.Name);
        instance.Provider.ShouldBe(h.Provider.Name);
        instance.Name.ShouldStartWith($"hgr-{h.Pool.Name}-");
        instance.Attempts.ShouldBe(1);
        instance.ProviderId.ShouldBe(h.Provider.Find(instance.Name).ShouldNotBeNull().ProviderId);
        instance.ForgeRunnerId.ShouldBe(h.Forge.Find(instance.Name).ShouldNotBeNull().Id);
        (await h.HistoryAsync(instance.Name, ct)).Select(t => t.To)
            .ShouldBe([InstanceState.Pending, InstanceState.Provisioning, InstanceState.Booting]);
        h.Provider.Creates.ShouldBe([instance.Name]);
        h.Forge.Mints.ShouldBe([instance.Name]);
        (await h.Store.GetJobAsync(new(h.Pool.Forge, 1), ct))!.Pool.ShouldBe(h.Pool.Name);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_QueuedJob_SpecCarriesPoolSettingsAndCredentialOnlyInSecretEnv()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = new PoolSpecBuilder()
            .WithImage("ghcr.io/acme/runner:9")
            .WithCommand("/entry.sh", "--once")
            .WithEnv("HTTP_PROXY", "http://proxy:3128")
            .WithRunnerGroup("ci")
            .With(p => p with { Mounts = [new MountSpec("/cache", "/cache")], NetworkMode = "bridge", Cpus = 2, MemoryMb = 4096, DiskGb = 40, InstanceType = "m5.large" })
            .Build();
        await using var h = await EngineHarness.StartAsync(pool, ct);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var spec = h.Provider.Specs.ShouldHaveSingleItem();
        var runner = h.Forge.Find(spec.Name).ShouldNotBeNull();
        spec.Pool.ShouldBe(pool.Name);
        spec.Labels.ShouldBe(pool.Labels);
        spec.Image.ShouldBe("ghcr.io/acme/runner:9");
        spec.Command.ShouldBe(["/entry.sh", "--once"]);
        spec.Env.ShouldBe(pool.Env);
        spec.Mounts.ShouldBe(pool.Mounts);
        spec.NetworkMode.ShouldBe("bridge");
        spec.Cpus.ShouldBe(2);
        spec.MemoryMb.ShouldBe(4096);
        spec.DiskGb.ShouldBe(40);
        spec.InstanceType.ShouldBe("m5.large");
        spec.SecretEnv.ShouldBe(new Dictionary<string, string> { [RecordingForge.SecretEnvName] = runner.Secret });
        spec.Env.Values.ShouldNotContain(runner.Secret);
        spec.ToString().ShouldNotContain(runner.Secret);
        runner.Target.ShouldBe(pool.Target);
        runner.Labels.ShouldBe(pool.Labels);
        runner.RunnerGroup.ShouldBe("ci");
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_ManyQueuedJobs_NeverMoreCreatesInFlightThanProviderConcurrency()
    {
        var ct = TestContext.Current.CancellationToken;
        const int jobs = 5;
        const int bound = 2;
        await using var h = await EngineHarness.StartAsync(
            new EngineHarnessOptions { ProviderConcurrency = new Dictionary<string, int> { [RecordingProvider.DefaultName] = bound } },
            ct);
        h.Provider.BlockCreates();
        for (var job = 1; job <= jobs; job++)
        {
            await h.QueueJobAsync(job, ct);
        }

        await h.ConvergeWithoutWaitingAsync(ct);
        await h.Provider.WaitForBlockedCreatesAsync(bound, ct).WaitAsync(h.Timeout, ct);

        // The slot is taken before the move to provisioning, so the rest are still pending intents.
        var live = await h.LiveInstancesAsync(ct);
        live.Count(i => i.State == InstanceState.Provisioning).ShouldBe(bound);
        live.Count(i => i.State == InstanceState.Pending).ShouldBe(jobs - bound);
        for (var released = 0; released < jobs; released++)
        {
            await h.Provider.WaitForBlockedCreatesAsync(Math.Min(bound, jobs - released), ct).WaitAsync(h.Timeout, ct);
            h.Provider.CreatesInFlight.ShouldBeLessThanOrEqualTo(bound);
            h.Provider.ReleaseNextCreate();
        }

        await h.WhenIdleAsync(ct);
        h.Provider.MaxCreatesInFlight.ShouldBe(bound);
        h.Provider.Creates.Count.ShouldBe(jobs);
        (await h.LiveInstancesAsync(ct)).ShouldAllBe(i => i.State == InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CreateAsync_JobCompletedWhileProvisioning_WakesConvergeOnceBooting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Provider.BlockCreates();
        await h.QueueJobAsync(1, ct);
        await h.ConvergeWithoutWaitingAsync(ct);
        await h.Provider.WaitForBlockedCreatesAsync(1, ct).WaitAsync(h.Timeout, ct);
        var name = (await h.LiveInstancesAsync(ct)).Single().Name;
        await h.CompleteJobAsync(1, name, cancellationToken: ct);
        await h.Signal.WaitAsync(TimeSpan.Zero, h.Time, ct); // consume the intake's nudge

        h.Provider.ReleaseCreates();
        await h.WhenIdleAsync(ct);

        (await h.Signal.WaitAsync(TimeSpan.Zero, h.Time, ct)).ShouldBeTrue("booting must wake the converge loop");
        await h.ConvergeAsync(ct);
        (await h.Store.GetInstanceAsync(name, ct))!.State.ShouldBe(InstanceState.Deleted);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_SecondPassWithNothingChanged_CreatesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);

        var second = await h.ConvergeAsync(ct);

        second.IsEmpty.ShouldBeTrue();
        h.Provider.Creates.Count.ShouldBe(1);
        h.Forge.Mints.Count.ShouldBe(1);
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_CreateFailsWithNoRetryAllowed_MarksFailedThenDeletesAndReplaces()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(NoRetries, ct);
        h.Provider.FailNextCreates(1);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var failed = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        failed.State.ShouldBe(InstanceState.Failed);
        failed.LastError.ShouldNotBeNull().ShouldContain("injected create failure");
        var staleRegistration = h.Forge.Find(failed.Name).ShouldNotBeNull();

        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(failed.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(failed.Name, ct)).Select(t => t.To)
            .ShouldBe([InstanceState.Pending, InstanceState.Provisioning, InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted]);
        h.Provider.Deletes.ShouldBe([failed.Name]);
        h.Forge.Removes.ShouldBe([staleRegistration.Id]);
        h.Forge.Find(failed.Name).ShouldBeNull();
        var replacement = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        replacement.Name.ShouldNotBe(failed.Name);
        replacement.State.ShouldBe(InstanceState.Booting);
        h.Provider.Machines.ShouldHaveSingleItem().Name.ShouldBe(replacement.Name);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_MintFailsWithNoRetryAllowed_MarksFailedWithoutCallingProvider()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(NoRetries, ct);
        h.Forge.FailNext(ForgeCallKind.Mint, 1);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var failed = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        failed.State.ShouldBe(InstanceState.Failed);
        failed.LastError.ShouldNotBeNull().ShouldContain("injected mint failure");
        h.Provider.Creates.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_NameTakenAtForge_RemovesStaleRegistrationAndMintsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        const string name = "hgr-linux-conflict01";
        var stale = h.Forge.Register(h.Pool.Target, name, h.Pool.Labels);
        await h.InsertIntentAsync(name, cancellationToken: ct);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var instance = await h.InstanceAsync(name, ct);
        instance.State.ShouldBe(InstanceState.Booting);
        var fresh = h.Forge.Find(name).ShouldNotBeNull();
        fresh.Id.ShouldNotBe(stale.Id);
        instance.ForgeRunnerId.ShouldBe(fresh.Id);
        h.Forge.Calls.Select(c => (c.Kind, c.Name, c.RunnerId)).ShouldBe(
        [
            (ForgeCallKind.Mint, name, null),
            (ForgeCallKind.List, name, null),
            (ForgeCallKind.Remove, null, stale.Id),
            (ForgeCallKind.Mint, name, null),
        ]);
        // The stored intent counts as supply: it is resumed, not duplicated.
        h.Provider.Creates.ShouldBe([name]);
        h.Provider.Specs.Single().SecretEnv[RecordingForge.SecretEnvName].ShouldBe(fresh.Secret);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAsync_ProviderDeleteFails_RecordsErrorAndNextPassFinishesDelete()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(NoRetries, ct);
        h.Provider.FailNextCreates(1);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var failed = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Provider.FailNextDeletes(1);

        await h.ConvergeAsync(ct);

        var stuck = await h.InstanceAsync(failed.Name, ct);
        stuck.State.ShouldBe(InstanceState.Deleting);
        stuck.LastError.ShouldNotBeNull().ShouldContain("injected delete failure");

        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(failed.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Provider.Deletes.ShouldBe([failed.Name, failed.Name]);
        (await h.Store.ListInstancesAsync(new InstanceQuery { States = [InstanceState.Booting] }, ct)).Count.ShouldBe(1);
    }
}
