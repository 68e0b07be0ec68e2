using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Actuation;

/// <summary>
/// A create that reports a failure late, after its machine ran and its runner already took — and finished — a job
/// (a provider call that timed out after the work was done, a short job). The machine has exited, so it reads as "not
/// running"; a retry under the same name would mint a second registration of that name, whose runner could take another
/// job while the engine, matching jobs by runner name, retires the instance for the first job's completion, killing it.
/// Found by <c>FaultToleranceTests.Serve_TwentyPercentRestFaultsAndProviderCreateFailures_EveryJobServed</c> (a job lost
/// in flight, a registration leaked).
/// </summary>
public sealed class CreateFailedAfterItsJobTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CreateFailsAfterItsRunnerRanAJob_NotRetriedAndTheInstanceEndsWithThatJob()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Provider.OnCreate = async (spec, token) =>
        {
            // The runner came up, took job 1 and finished it, and the machine exited; only then did the call fail.
            h.Provider.AddMachine(spec.Name, spec.Pool, ProviderInstanceStatus.Exited);
            await h.StartJobAsync(1, spec.Name, 501, token);
            await h.CompleteJobAsync(1, spec.Name, 501, token);
            throw new InjectedFaultException("create timed out after its runner's job");
        };
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);
        var name = (await h.InstancesAsync(cancellationToken: ct)).ShouldHaveSingleItem().Name;
        h.Clock.Advance(h.EngineOptions.Loops.CreateRetry.Backoff(name, 1));
        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);
        await h.ConvergeAsync(ct);
        await h.ConvergeAsync(ct);

        h.Provider.Creates.ShouldBe([name], "a create whose runner already ran a job is never made again");
        var instance = await h.InstanceAsync(name, ct);
        instance.JobId.ShouldBe(1);
        instance.State.ShouldBeOneOf(InstanceState.Draining, InstanceState.Deleting, InstanceState.Deleted);
        h.Forge.Runners.Count(r => r.Name == name).ShouldBeLessThanOrEqualTo(1);
    }
}
