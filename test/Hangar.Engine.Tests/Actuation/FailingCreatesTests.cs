using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Actuation;

/// <summary>
/// A pool whose creates cannot succeed (a missing image, a bad mount) must not mint and remove a forge registration
/// per attempt for ever: the provider is asked first where it can tell, and the pool's create breaker bounds the rest.
/// </summary>
public sealed class FailingCreatesTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CreatesAlwaysFail_OneSimulatedHour_MintsBoundedByTheBreaker()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Provider.FailNextCreates(int.MaxValue);
        await h.QueueJobAsync(1, ct);

        // The loops as they would run for an hour: converge, create retries (and the give-ups they lead to) every tick.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(1); elapsed += Tick)
        {
            await h.ConvergeAsync(ct);
            await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);
            h.Clock.Advance(Tick);
        }

        // Failures in a row open the breaker; after that one probe per open period, each twice as long as the last.
        var breaker = h.EngineOptions.Loops.CreateBreaker;
        var probes = 0;
        var open = TimeSpan.Zero;
        for (var trip = 1; (open += breaker.OpenFor(trip)) < TimeSpan.FromHours(1); trip++)
        {
            probes++;
        }

        // Every attempt mints a registration first (a retry under the same name may need a second call: the forge still
        // holds the failed attempt's registration, which is removed and minted again).
        var attempts = h.Provider.Creates.Count;
        attempts.ShouldBeLessThanOrEqualTo(breaker.Failures + probes);
        attempts.ShouldBeGreaterThanOrEqualTo(breaker.Failures);
        h.Forge.Mints.Count.ShouldBeLessThanOrEqualTo(2 * attempts);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ImageMissing_CheckFailsTheAttemptBeforeAnythingIsMinted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Provider.CheckCreate = spec => new CreateCheck([$"image '{spec.Image}' is not present"]);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var waiting = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        waiting.State.ShouldBe(InstanceState.Pending);
        waiting.Attempts.ShouldBe(1);
        waiting.LastError.ShouldNotBeNull().ShouldContain($"image '{h.Pool.Image}' is not present");
        h.Forge.Mints.ShouldBeEmpty();
        h.Provider.Creates.ShouldBeEmpty();
        h.Provider.Calls.ShouldContain(c => c.Kind == ProviderCallKind.Check);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CheckPasses_MintedAndCreatedAsBefore()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        RunnerSpec? checkedSpec = null;
        h.Provider.CheckCreate = spec =>
        {
            checkedSpec = spec;
            return CreateCheck.Passed;
        };
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var booting = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        booting.State.ShouldBe(InstanceState.Booting);
        h.Forge.Mints.ShouldBe([booting.Name]);
        checkedSpec.ShouldNotBeNull().Name.ShouldBe(booting.Name);
        checkedSpec.Image.ShouldBe(h.Pool.Image);
        checkedSpec.SecretEnv.ShouldBeEmpty();
    }
}
