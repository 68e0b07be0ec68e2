using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Hangar.Emulator.State;

public sealed partial class EmulatorState
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _installationTokens = new(StringComparer.Ordinal);
    private int _tokensMinted;

    internal EmulatorApp? App => _options.App;

    /// <summary>Installation tokens minted so far (tests check caching and refresh with it).</summary>
    public int InstallationTokensMinted => Volatile.Read(ref _tokensMinted);

    /// <summary>A new installation token. Shaped like GitHub's 2026 format (<c>ghs_</c>, several hundred characters,
    /// variable length) so a client that assumes the old 40-character token fails here.</summary>
    internal (string Token, DateTimeOffset ExpiresAt) MintInstallationToken()
    {
        var app = App ?? throw new InvalidOperationException("no App configured");
        var random = RandomNumberGenerator.GetBytes(300 + RandomNumberGenerator.GetInt32(100));
        var token = $"ghs_{app.AppId}_" + Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expiresAt = _time.GetUtcNow() + app.TokenLifetime;
        _installationTokens[token] = expiresAt;
        Interlocked.Increment(ref _tokensMinted);
        return (token, expiresAt);
    }

    internal bool IsInstallationToken(string token) =>
        _installationTokens.TryGetValue(token, out var expiresAt) && _time.GetUtcNow() < expiresAt;

    /// <summary>Revokes every installation token (as an App owner can), so clients must mint new ones.</summary>
    public void RevokeInstallationTokens() => _installationTokens.Clear();
}
