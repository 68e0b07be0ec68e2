using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub.Budget;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub.Auth;

/// <summary>
/// Installation access tokens for a GitHub App (reference section 2): the installation is configured or looked up per
/// account (<c>GET /repos/{o}/{r}/installation</c>, <c>GET /orgs/{org}/installation</c>), and its token is cached until
/// <see cref="RefreshBefore"/> ahead of <c>expires_at</c>. Tokens are opaque: no length or format is assumed (2026 format).
/// </summary>
internal sealed class GitHubAppCredential : IGitHubCredential, IDisposable
{
    /// <summary>Tokens live one hour; renewing this early keeps a token from expiring between fetch and use (and in retries).</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly GitHubAppOptions _options;
    private readonly GitHubRestClient _client;
    private readonly GitHubAppJwt _jwt;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _forge;
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, CachedToken> _tokens = new();

    // One mint at a time: concurrent calls after expiry would otherwise each buy a token.
    private readonly SemaphoreSlim _mint = new(1, 1);

    public GitHubAppCredential(GitHubAppOptions options, GitHubRestClient client, TimeProvider time, ILogger logger, string forge)
    {
        _options = options;
        _client = client;
        _time = time;
        _logger = logger;
        _forge = forge;
        _jwt = new GitHubAppJwt(options.Issuer, options.PrivateKeyPem, time);
    }

    public async ValueTask<string> GetTokenAsync(ForgeTarget target, CancellationToken cancellationToken)
    {
        var installation = await InstallationIdAsync(target, cancellationToken).ConfigureAwait(false);
        if (Fresh(installation) is { } token)
        {
            return token;
        }

        await _mint.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Fresh(installation) ?? await MintAsync(installation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _mint.Release();
        }
    }

    /// <summary>The installation's quota; before an account's installation is known, the account stands for it
    /// (installations belong to accounts).</summary>
    public string QuotaKey(ForgeTarget target) =>
        _options.InstallationId is { } configured ? $"installation:{configured.ToString(CultureInfo.InvariantCulture)}"
        : AccountOf(target) is { } account && _installations.TryGetValue(account, out var id) ? $"installation:{id.ToString(CultureInfo.InvariantCulture)}"
        : $"account:{AccountOf(target)}";

    public bool Invalidate(ForgeTarget target)
    {
        var account = AccountOf(target);
        if (_options.InstallationId is { } configured)
        {
            _tokens.TryRemove(configured, out _);
        }
        else if (account is not null && _installations.TryRemove(account, out var id))
        {
            // Forget the installation too: the App may have been reinstalled with a new id.
            _tokens.TryRemove(id, out _);
        }

        return true;
    }

    public void Dispose()
    {
        _jwt.Dispose();
        _mint.Dispose();
    }

    private string? Fresh(long installation) =>
        _tokens.TryGetValue(installation, out var cached) && _time.GetUtcNow() < cached.ExpiresAt - RefreshBefore ? cached.Token : null;

    private async Task<string> MintAsync(long installation, CancellationToken cancellationToken)
    {
        var uri = _client.Resolve($"/app/installations/{installation.ToString(CultureInfo.InvariantCulture)}/access_tokens");
        using var response = await _client.SendAsAppAsync(HttpMethod.Post, uri, _jwt.Create(), GitHubCall.Of(GitHubCallKind.InstallationToken), cancellationToken).ConfigureAwait(false);
        await _client.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var minted = await _client.ReadAsync(response, GitHubJsonContext.Default.InstallationTokenResponse, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(minted.Token))
        {
            throw new ForgeException($"GitHub POST {uri.AbsolutePath} returned no token", (int)response.StatusCode);
        }

        // Without expires_at assume the documented hour; a token already inside the refresh window is still used once
        // (a clock far ahead of GitHub's would otherwise mint in a loop) but not cached.
        var expiresAt = minted.ExpiresAt ?? _time.GetUtcNow().AddHours(1);
        _tokens[installation] = new CachedToken(minted.Token, expiresAt);
        GitHubMetrics.TokenMinted(_forge);
        GitHubForgeLog.InstallationTokenMinted(_logger, _forge, installation, expiresAt);
        return minted.Token;
    }

    private async ValueTask<long> InstallationIdAsync(ForgeTarget target, CancellationToken cancellationToken)
    {
        if (_options.InstallationId is { } configured)
        {
            return configured;
        }

        var account = AccountOf(target)
            ?? throw new ForgeException(
                $"GitHub forge {_forge}: a GitHub App cannot manage enterprise runners ({target}); use a personal access token "
                + "with manage_runners:enterprise, or set the App's installation_id");
        if (_installations.TryGetValue(account, out var known))
        {
            return known;
        }

        var path = target.Scope == TargetScope.Repository ? GitHubPaths.Repository(target.Name) : GitHubPaths.Scope(target);
        var uri = _client.Resolve(path + "/installation");
        using var response = await _client.SendAsAppAsync(HttpMethod.Get, uri, _jwt.Create(), GitHubCall.Of(GitHubCallKind.Installation), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ForgeException($"GitHub forge {_forge}: the GitHub App is not installed on {target} (GET {uri.AbsolutePath} returned 404)", 404);
        }

        await _client.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var installation = await _client.ReadAsync(response, GitHubJsonContext.Default.InstallationResponse, cancellationToken).ConfigureAwait(false);
        _installations[account] = installation.Id;
        GitHubForgeLog.InstallationFound(_logger, _forge, installation.Id, target.ToString());
        return installation.Id;
    }

    /// <summary>Installations belong to an account (user or organization), so every repository of an owner shares one.</summary>
    private static string? AccountOf(ForgeTarget target) => target.Scope switch
    {
        TargetScope.Repository => target.Name[..Math.Max(0, target.Name.IndexOf('/', StringComparison.Ordinal))],
        TargetScope.Organization => target.Name,
        _ => null,
    };

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => $"CachedToken {{ [redacted], ExpiresAt = {ExpiresAt} }}";
    }
}
