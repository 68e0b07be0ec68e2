using System.Security.Cryptography;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Emulator;
using Hangar.Forges.GitHub;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Forges.Tests.GitHub.Auth;

/// <summary>App auth end to end against the emulator, which verifies the JWT with the App's public key and mints
/// 2026-format (long, variable-length) installation tokens; one fake clock drives both sides.</summary>
public sealed class GitHubAppCredentialTests : IAsyncLifetime
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private EmulatorHost _emulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = "ghp_unused",
            TimeProvider = _clock,
            App = new EmulatorApp { PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem() },
        }, Ct);

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task ListRunnersAsync_TokenCachedUntilFiveMinutesBeforeExpiry_ThenRefreshed()
    {
        using var forge = Forge();
        var org = ForgeTarget.Organization("acme");

        await ListAsync(forge, org);
        await ListAsync(forge, org);
        _emulator.State.InstallationTokensMinted.ShouldBe(1);

        _clock.Advance(TimeSpan.FromMinutes(54));
        await ListAsync(forge, org);
        _emulator.State.InstallationTokensMinted.ShouldBe(1);

        // Inside the 5-minute refresh window of the one-hour token: a new one, before GitHub would refuse the old one.
        _clock.Advance(TimeSpan.FromMinutes(2));
        await ListAsync(forge, org);
        _emulator.State.InstallationTokensMinted.ShouldBe(2);
    }

    [Fact]
    public async Task ListRunnersAsync_RepositoryOfSameOwner_SharesInstallationToken()
    {
        using var forge = Forge();

        await ListAsync(forge, ForgeTarget.Repository("acme/app"));
        await ListAsync(forge, ForgeTarget.Repository("acme/lib"));

        _emulator.State.InstallationTokensMinted.ShouldBe(1);
    }

    [Fact]
    public async Task ListRunnersAsync_TokenRevoked_MintsOnceMoreAndSucceeds()
    {
        using var forge = Forge();
        var org = ForgeTarget.Organization("acme");
        await ListAsync(forge, org);

        _emulator.State.RevokeInstallationTokens();
        await ListAsync(forge, org);

        _emulator.State.InstallationTokensMinted.ShouldBe(2);
    }

    [Fact]
    public async Task EnsureScaleSetAsync_InstallationTokenRevokedAndAdminTokenExpired_RegistersAgainWithAFreshInstallationToken()
    {
        using var forge = Forge();
        var spec = new Hangar.Core.ScaleSets.ScaleSetSpec("linux", ForgeTarget.Organization("acme"), null, ["linux"]);
        await forge.ScaleSets.EnsureScaleSetAsync(spec, Ct).WaitAsync(TestForge.Timeout, Ct);

        _emulator.State.RevokeInstallationTokens();
        _emulator.State.InjectScaleSetFault(Hangar.Emulator.State.ScaleSetFault.ExpireAdminTokens);
        await forge.ScaleSets.EnsureScaleSetAsync(spec, Ct).WaitAsync(TestForge.Timeout, Ct);

        _emulator.State.InstallationTokensMinted.ShouldBe(2);
        _emulator.State.AdminTokensIssued.ShouldBe(2);
    }

    [Fact]
    public async Task ListRunnersAsync_EnterpriseWithoutInstallationId_FailsNamingTheReason()
    {
        using var forge = Forge();

        var ex = await Should.ThrowAsync<ForgeException>(() => ListAsync(forge, ForgeTarget.Enterprise("megacorp")));

        ex.Message.ShouldContain("cannot manage enterprise runners");
        _emulator.State.InstallationTokensMinted.ShouldBe(0);
    }

    [Fact]
    public async Task ListRunnersAsync_WrongKey_401NotRetried()
    {
        using var other = RSA.Create(2048);
        using var forge = Forge(other);

        var ex = await Should.ThrowAsync<ForgeException>(() => ListAsync(forge, ForgeTarget.Organization("acme")));

        ex.StatusCode.ShouldBe(401);
        _emulator.State.InstallationTokensMinted.ShouldBe(0);
    }

    private static Task<IReadOnlyList<ForgeRunner>> ListAsync(GitHubForge forge, ForgeTarget target) =>
        forge.ListRunnersAsync(target, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

    private GitHubForge Forge(RSA? key = null) => new(
        new GitHubForgeOptions
        {
            Name = "app-" + Guid.NewGuid().ToString("N")[..6],
            ApiUrl = _emulator.ApiUrl.ToString(),
            App = new GitHubAppOptions { ClientId = "Iv23liEmulatorApp", PrivateKeyPem = (key ?? _key).ExportRSAPrivateKeyPem() },
        },
        new HttpClient(),
        NullLogger<GitHubForge>.Instance,
        _clock);
}
