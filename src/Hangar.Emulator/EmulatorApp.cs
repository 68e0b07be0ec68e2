namespace Hangar.Emulator;

/// <summary>A GitHub App the emulator knows: it verifies App JWTs with <see cref="PublicKeyPem"/> and mints installation
/// tokens for its single installation, which covers every repository and organization (not enterprises, as on GitHub).</summary>
internal sealed record EmulatorApp
{
    public long AppId { get; init; } = 1001;

    public string ClientId { get; init; } = "Iv23liEmulatorApp";

    public long InstallationId { get; init; } = 5001;

    /// <summary>The App's public key (PEM, SubjectPublicKeyInfo or PKCS#1).</summary>
    public required string PublicKeyPem { get; init; }

    /// <summary>Installation token lifetime (GitHub: one hour).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);
}
