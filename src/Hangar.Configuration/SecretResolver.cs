using Hangar.Configuration.Loading;

namespace Hangar.Configuration;

/// <summary>
/// Finds a secret's value. Precedence, most specific first: a command-line override (keyed by the secret's name),
/// the environment variable, <c>$CREDENTIALS_DIRECTORY/{name}</c> (systemd's LoadCredential=), then the file.
/// </summary>
public static class SecretResolver
{
    public const string CredentialsDirectoryVariable = "CREDENTIALS_DIRECTORY";

    /// <exception cref="SecretNotFoundException">No place held a non-empty value.</exception>
    public static string Resolve(SecretRef secret, IReadOnlyDictionary<string, string>? overrides = null) =>
        Resolve(secret, overrides, Environment.GetEnvironmentVariable);

    /// <param name="environment">Reads an environment variable; tests pass their own so they need not share the process's.</param>
    internal static string Resolve(SecretRef secret, IReadOnlyDictionary<string, string>? overrides, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var searched = new List<string>();

        if (overrides is not null && overrides.TryGetValue(secret.Name, out var given))
        {
            if (Usable(given) is { } value)
            {
                return value;
            }

            searched.Add($"command-line override for '{secret.Name}' (empty)");
        }
        else
        {
            searched.Add($"command-line override for '{secret.Name}' (none given)");
        }

        if (secret.Env is { } variable)
        {
            var raw = environment(variable);
            if (Usable(raw) is { } value)
            {
                return value;
            }

            searched.Add($"environment variable {variable} ({(raw is null ? "not set" : "empty")})");
        }

        var credentials = environment(CredentialsDirectoryVariable);
        if (string.IsNullOrEmpty(credentials))
        {
            searched.Add($"${CredentialsDirectoryVariable}/{secret.Name} ({CredentialsDirectoryVariable} not set)");
        }
        else if (!ConfigPatterns.SecretName().IsMatch(secret.Name))
        {
            // A name with separators could read outside the credentials directory.
            searched.Add($"${CredentialsDirectoryVariable} (not searched: '{secret.Name}' is not a valid credential name)");
        }
        else if (TryReadFile(Path.Combine(credentials, secret.Name), "systemd credential", searched) is { } value)
        {
            return value;
        }

        if (secret.File is { } file && TryReadFile(file, "file", searched) is { } fromFile)
        {
            return fromFile;
        }

        throw new SecretNotFoundException(secret.Name, searched);
    }

    private static string? TryReadFile(string path, string kind, List<string> searched)
    {
        try
        {
            if (Usable(File.ReadAllText(path)) is { } value)
            {
                return value;
            }

            searched.Add($"{kind} {path} (empty)");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            searched.Add($"{kind} {path} (does not exist)");
        }
        catch (UnauthorizedAccessException)
        {
            searched.Add($"{kind} {path} (permission denied)");
        }
        catch (IOException)
        {
            searched.Add($"{kind} {path} (could not be read)");
        }

        return null;
    }

    // Files written by `echo` or editors end in a newline that is not part of the secret.
    private static string? Usable(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var value = raw.EndsWith("\r\n", StringComparison.Ordinal) ? raw[..^2]
            : raw.EndsWith('\n') ? raw[..^1]
            : raw;
        return value.Length == 0 ? null : value;
    }
}
