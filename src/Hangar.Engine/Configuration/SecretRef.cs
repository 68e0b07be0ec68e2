namespace Hangar.Engine.Configuration;

/// <summary>
/// Where a secret can be found; secrets are never inline in the file. Looked up in this order: the environment
/// variable, then <c>$CREDENTIALS_DIRECTORY/{Name}</c> (systemd credentials), then the file.
/// </summary>
/// <param name="Name">The credential's name (used for systemd credentials and in messages).</param>
public sealed record SecretRef(string Name, string? Env = null, string? File = null);
