namespace Hangar.Configuration;

/// <summary>A secret was found in none of the places it may be. Names the places, never any content.</summary>
public sealed class SecretNotFoundException : Exception
{
    public SecretNotFoundException(string secretName, IReadOnlyList<string> searched)
        : base($"Secret '{secretName}' was not found. Looked at: {string.Join("; ", searched)}.")
    {
        SecretName = secretName;
        Searched = searched;
    }

    public string SecretName { get; }

    /// <summary>Each place looked at, with why it gave nothing (e.g. "environment variable GH_TOKEN (not set)").</summary>
    public IReadOnlyList<string> Searched { get; }
}
