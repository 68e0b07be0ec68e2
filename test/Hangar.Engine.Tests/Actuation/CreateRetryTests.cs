using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Actuation;

public sealed class CreateRetryTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CreateFails_RetriedUnderTheSameNameAfterBackoff()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Provider.FailNextCreates(1);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var waiting = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        waiting.State.ShouldBe(InstanceState.Pending);
        waiting.Attempts.ShouldBe(1);
        waiting.LastError.ShouldNotBeNull().ShouldContain("injected create failure");
        waiting.LastReason.ShouldNotBeNull().ShouldContain("attempt 1 of 3");

        // Neither converge nor the retry loop starts it again before its backoff has passed.
        await h.ConvergeAsync(ct);
        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);
        h.Provider.Creates.Count.ShouldBe(1);
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().Name.ShouldBe(waiting.Name);

        h.Clock.Advance(h.EngineOptions.Loops.CreateRetry.Backoff(waiting.Name, 1));

        // Create retry has one owner: converge counts the waiting instance as supply and leaves it to the retry loop.
        (await h.ConvergeAsync(ct)).Creates.ShouldBeEmpty();
        h.Provider.Creates.Count.ShouldBe(1);

        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);

        var booted = await h.InstanceAsync(waiting.Name, ct);
        booted.State.ShouldBe(InstanceState.Booting);
        booted.Attempts.ShouldBe(2);
        h.Provider.Creates.ShouldBe([waiting.Name, waiting.Name]);
        h.Forge.Runners.Count(r => r.Name == waiting.Name).ShouldBe(1);
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CreateFailsAfterTheMachineStarted_MachineAdoptedNotKilled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Provider.OnCreate = (spec, _) =>
        {
            // The provider did the work, then reported a failure (e.g. a timeout after the fact): the runner may
            // already be running a job, so it must not be deleted and replaced.
            h.Provider.AddMachine(spec.Name, spec.Pool);
            throw new InjectedFaultException("create timed out after the machine started");
        };
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var adopted = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        adopted.State.ShouldBe(InstanceState.Booting);
        adopted.LastError.ShouldNotBeNull().ShouldContain("timed out after the machine started");
        h.Provider.Deletes.ShouldBeEmpty();
        h.Provider.Machines.ShouldHaveSingleItem().Name.ShouldBe(adopted.Name);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CreateFailsAfterTheMachineStartedAndTheAdoptionCheckFails_MachineKeptAndTheRetryAdoptsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        FailCreateAfterTheMachineIsMadeAndTheLookUpAfterIt(h, ProviderInstanceStatus.Running);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var waiting = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        waiting.State.ShouldBe(InstanceState.Pending);
        waiting.LastReason.ShouldNotBeNull().ShouldContain("not deleted");
        h.Provider.Deletes.ShouldBeEmpty();
        var machine = h.Provider.Machines.ShouldHaveSingleItem();
        var registration = h.Forge.Find(waiting.Name).ShouldNotBeNull();

        h.Provider.OnCreate = null;
        h.Clock.Advance(h.EngineOptions.Loops.CreateRetry.Backoff(waiting.Name, 1));
        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);

        // The retry finds the machine running and adopts it, keeping the credential it was started with.
        var adopted = await h.InstanceAsync(waiting.Name, ct);
        adopted.State.ShouldBe(InstanceState.Booting);
        adopted.ProviderId.ShouldBe(machine.ProviderId);
        h.Provider.Deletes.ShouldBeEmpty();
        h.Provider.Machines.ShouldHaveSingleItem().ProviderId.ShouldBe(machine.ProviderId);
        h.Forge.Removes.ShouldBeEmpty();
        h.Forge.Find(waiting.Name).ShouldNotBeNull().Id.ShouldBe(registration.Id);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RetryFindsTheFailedAttemptsMachineNeverStarted_RemovedThenCreatedAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        FailCreateAfterTheMachineIsMadeAndTheLookUpAfterIt(h, ProviderInstanceStatus.Created);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var waiting = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Provider.Deletes.ShouldBeEmpty();

        h.Provider.OnCreate = null;
        h.Clock.Advance(h.EngineOptions.Loops.CreateRetry.Backoff(waiting.Name, 1));
        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);

        // A half-made machine is no runner: the retry removes it before creating again (create is idempotent by name).
        (await h.InstanceAsync(waiting.Name, ct)).State.ShouldBe(InstanceState.Booting);
        h.Provider.Deletes.ShouldBe([waiting.Name]);
        h.Provider.Machines.ShouldHaveSingleItem().Status.ShouldBe(ProviderInstanceStatus.Running);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CreateFailsEveryTime_GivesUpAfterMaxAttemptsWithReasonKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var policy = h.EngineOptions.Loops.CreateRetry;
        h.Provider.FailNextCreates(policy.MaxAttempts);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var name = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().Name;

        for (var attempt = 1; attempt < policy.MaxAttempts; attempt++)
        {
            h.Clock.Advance(policy.Backoff(name, attempt));
            await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);
        }

        var failed = await h.InstanceAsync(name, ct);
        failed.State.ShouldBe(InstanceState.Failed);
        failed.Attempts.ShouldBe(policy.MaxAttempts);
        failed.LastReason.ShouldBe($"create failed {policy.MaxAttempts} time(s), gave up");
        failed.LastError.ShouldNotBeNull().ShouldContain("injected create failure");

        await h.ConvergeAsync(ct);

        var gone = await h.InstanceAsync(name, ct);
        gone.State.ShouldBe(InstanceState.Deleted);
        gone.LastError.ShouldNotBeNull().ShouldContain("injected create failure");
        (await h.HistoryAsync(name, ct)).ShouldContain(t => t.Reason.Contains("gave up", StringComparison.Ordinal));
        // The job still waits: a fresh instance takes over.
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Booting);
    }

    [Fact]
    public void Backoff_GrowsExponentiallyWithinJitterAndCap()
    {
        var policy = new CreateRetryPolicy { Delay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(60) };

        policy.Backoff("hgr-a-aaaaaaaaaa", 1).TotalSeconds.ShouldBeInRange(8, 12);
        policy.Backoff("hgr-a-aaaaaaaaaa", 2).TotalSeconds.ShouldBeInRange(16, 24);
        policy.Backoff("hgr-a-aaaaaaaaaa", 9).TotalSeconds.ShouldBeInRange(48, 72);
        policy.Backoff("hgr-a-aaaaaaaaaa", 2).ShouldBe(policy.Backoff("hgr-a-aaaaaaaaaa", 2));
    }

    /// <summary>
    /// The next create makes the machine (in <paramref name="status"/>) and then reports a failure, and the look-up that
    /// would show what it made times out as well: whether the machine runs is unknown.
    /// </summary>
    private static void FailCreateAfterTheMachineIsMadeAndTheLookUpAfterIt(EngineHarness h, ProviderInstanceStatus status)
    {
        h.Provider.OnCreate = (spec, _) =>
        {
            h.Provider.AddMachine(spec.Name, spec.Pool, status);
            throw new InjectedFaultException("create timed out after the machine was made");
        };
        h.Provider.FailNext(ProviderCallKind.Get, 1, new TimeoutException("get timed out"));
    }
}
