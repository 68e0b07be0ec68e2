namespace Hangar.Configuration;

/// <summary>
/// Where a secret can be found; secrets are never inline in the file. <see cref="SecretResolver"/> looks in this
/// order: a command-line override keyed by <see cref="Name"/>, the environment variable, then
/// <c>$CREDENTIALS_DIRECTORY/{Name}</c> (systemd credentials), then the file (absolute once loaded).
/// </summary>
/// <param name="Name">The credential's name (used for systemd credentials and in messages).</param>
public sealed record SecretRef(string Name, string? Env = null, string? File = null);
