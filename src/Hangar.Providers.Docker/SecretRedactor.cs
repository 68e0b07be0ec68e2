namespace Hangar.Providers.Docker;

/// <summary>
/// Docker echoes parts of a request back in its error bodies (an invalid env entry, for one), so any text that
/// came back from the engine is scrubbed of secret values before it reaches an exception or a log.
/// </summary>
internal static class SecretRedactor
{
    public static string Redact(string? text, IEnumerable<string> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
