using Hangar.Core.Pools;
using Hangar.Emulator;
using Hangar.Emulator.Faults;
using Hangar.Forges.GitHub;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Forges.Tests.GitHub;

/// <summary>Real HTTP against the emulator injecting GitHub's rate-limit and server faults: the waits the client picks
/// (seen on its fake clock) are the ones the headers ask for, and the call still succeeds.</summary>
public sealed class GitHubRateLimitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly ForgeTarget Org = ForgeTarget.Organization("acme");

    private EmulatorHost _emulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The emulator has its own clock, set to the same instant, so its timers never show up as the client's waits.
    public async ValueTask InitializeAsync() =>
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = TestForge.Token, TimeProvider = new FakeTimeProvider(Start) }, Ct);

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task ListRunnersAsync_429WithRetryAfter_WaitsExactlyRetryAfterThenSucceeds()
    {
        var (forge, clock, name) = Forge();
        _emulator.State.SetFaults(new EmulatorFaults { RestRateLimitRate = 1, RetryAfter = TimeSpan.FromSeconds(7) });

        var call = forge.ListRunnersAsync(Org, cancellationToken: Ct);
        var wait = await clock.NextTimerAsync();
        _emulator.State.SetFaults(EmulatorFaults.None);
        clock.Advance(wait);
        await call.WaitAsync(TestForge.Timeout, Ct);

        wait.ShouldBe(TimeSpan.FromSeconds(7));
        GitHubMetrics.RemainingQuota(name).ShouldBe(4999);
    }

    [Fact]
    public async Task ListRunnersAsync_403QuotaExhausted_WaitsUntilResetThenSucceeds()
    {
        var (forge, clock, name) = Forge();
        _emulator.State.SetFaults(new EmulatorFaults { RestQuotaExhaustedRate = 1, RetryAfter = TimeSpan.FromSeconds(30) });

        var call = forge.ListRunnersAsync(Org, cancellationToken: Ct);
        var wait = await clock.NextTimerAsync();
        GitHubMetrics.RemainingQuota(name).ShouldBe(0);
        _emulator.State.SetFaults(EmulatorFaults.None);
        clock.Advance(wait);
        await call.WaitAsync(TestForge.Timeout, Ct);

        // x-ratelimit-reset is 30 s ahead (both clocks agree), plus the client's one second of skew allowance.
        wait.ShouldBe(TimeSpan.FromSeconds(30) + GitHubResilience.ResetSkew);
        GitHubMetrics.RemainingQuota(name).ShouldBe(4999);
    }

    [Fact]
    public async Task ListRunnersAsync_ServerErrorBurst_BacksOffWithJitterThenSucceeds()
    {
        var (forge, clock, _) = Forge();
        _emulator.State.SetFaults(new EmulatorFaults { RestServerErrorRate = 1 });

        var call = forge.ListRunnersAsync(Org, cancellationToken: Ct);
        var waits = new List<TimeSpan> { await clock.FireNextTimerAsync(), await clock.NextTimerAsync() };
        _emulator.State.SetFaults(EmulatorFaults.None);
        clock.Advance(waits[1]);
        await call.WaitAsync(TestForge.Timeout, Ct);

        waits.ShouldAllBe(w => w > TimeSpan.Zero && w <= GitHubResilience.MaxBackoff);
    }

    private (GitHubForge Forge, TimerRecordingTimeProvider Clock, string Name) Forge()
    {
        var clock = new TimerRecordingTimeProvider();
        var name = "limits-" + Guid.NewGuid().ToString("N")[..8];
        var forge = new GitHubForge(
            new GitHubForgeOptions { Name = name, ApiUrl = _emulator.ApiUrl.ToString(), Token = TestForge.Token },
            new HttpClient(),
            NullLogger<GitHubForge>.Instance,
            clock);
        return (forge, clock, name);
    }
}
