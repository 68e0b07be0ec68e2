namespace Hangar.Core.Providers;

/// <summary>
/// The variables Hangar itself gives every runner, and how a spec's plain and secret values combine, so that every
/// provider hands a runner the same names whatever it runs on.
/// </summary>
public static class RunnerEnvironment
{
    /// <summary>With <see cref="CredentialDelivery.File"/>: the directory holding one file per secret.</summary>
    public const string CredentialsDirectory = "HANGAR_CREDENTIALS_DIRECTORY";

    /// <summary>The per-instance token (a secret: delivered like the credential).</summary>
    public const string InstanceToken = "HANGAR_INSTANCE_TOKEN";

    /// <summary>Where the in-instance agent dials Hangar.</summary>
    public const string AgentAddress = "HANGAR_AGENT_ADDRESS";

    /// <summary>The secret values the runner gets: the spec's secret environment and the instance token.</summary>
    public static IReadOnlyDictionary<string, string> Secrets(RunnerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var secrets = new Dictionary<string, string>(spec.SecretEnv, StringComparer.Ordinal);
        if (spec.InstanceToken is { } token)
        {
            secrets[InstanceToken] = token;
        }

        return secrets;
    }

    /// <summary>
    /// The runner's environment without its secrets: the plain values and the agent address, no plain value named
    /// like a secret (it would pose as it), and with file delivery <paramref name="credentialsDirectory"/>. Safe to
    /// keep on disk.
    /// </summary>
    public static Dictionary<string, string> Plain(RunnerSpec spec, string credentialsDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var env = new Dictionary<string, string>(spec.Env, StringComparer.Ordinal);
        if (spec.AgentAddress is { } agent)
        {
            env[AgentAddress] = agent.ToString();
        }

        foreach (var name in Secrets(spec).Keys)
        {
            env.Remove(name);
        }

        if (spec.CredentialDelivery == CredentialDelivery.File)
        {
            env[CredentialsDirectory] = credentialsDirectory;
        }

        return env;
    }

    /// <summary>The runner's whole environment: <see cref="Plain"/>, plus the secrets unless they go by file.</summary>
    public static Dictionary<string, string> Of(RunnerSpec spec, string credentialsDirectory)
    {
        var env = Plain(spec, credentialsDirectory);
        if (spec.CredentialDelivery == CredentialDelivery.Environment)
        {
            foreach (var (key, value) in Secrets(spec))
            {
                env[key] = value;
            }
        }

        return env;
    }

    /// <summary>A secret's name that can be a file name in the credentials directory (and nothing outside it).</summary>
    public static bool IsValidFileName(string name) =>
        name.Length is > 0 and <= 255 && name is not ("." or "..") && name.IndexOfAny(['/', '\\', '\0']) < 0;

    /// <summary>A name a POSIX shell can hold as a variable: what a value delivered by environment through a script
    /// (a GARM machine's install script) must be called.</summary>
    public static bool IsValidVariableName(string name) =>
        name.Length is > 0 and <= 255 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
