namespace Hangar.Agent;

/// <summary>
/// What the agent reads from its instance (Hangar's address, its token) and then removes from its own environment, so
/// no task it starts can read the token or the runner's credential.
/// </summary>
internal sealed record AgentEnvironment(Uri Address, string Token, string? Instance, string WorkRoot)
{
    // The instance's secrets: the agent's token and the forge credential a runner would register with.
    private static readonly string[] Secrets =
        ["HANGAR_INSTANCE_TOKEN", "HANGAR_CREDENTIALS_DIRECTORY", "ACTIONS_RUNNER_INPUT_JITCONFIG", "GITEA_RUNNER_REGISTRATION_TOKEN"];

    /// <summary>
    /// The environment the supervised runner gets: the agent's own as it started, without the agent's token (the
    /// runner's credential stays: the runner registers with it). Read before <see cref="Read"/> scrubs.
    /// </summary>
    public static Dictionary<string, string> ForRunner()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value && key != "HANGAR_INSTANCE_TOKEN")
            {
                env[key] = value;
            }
        }

        return env;
    }

    /// <summary>Reads and scrubs the environment; null (with the reason) when the address or the token is missing.</summary>
    public static AgentEnvironment? Read(out string? problem)
    {
        var address = Environment.GetEnvironmentVariable("HANGAR_AGENT_ADDRESS");
        var credentials = Environment.GetEnvironmentVariable("HANGAR_CREDENTIALS_DIRECTORY");
        var token = Environment.GetEnvironmentVariable("HANGAR_INSTANCE_TOKEN");
        if (string.IsNullOrEmpty(token) && credentials is not null && File.Exists(Path.Combine(credentials, "HANGAR_INSTANCE_TOKEN")))
        {
            token = File.ReadAllText(Path.Combine(credentials, "HANGAR_INSTANCE_TOKEN")).Trim();
            DropTokenFile(Path.Combine(credentials, "HANGAR_INSTANCE_TOKEN"));
        }

        foreach (var name in Secrets)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        problem = null;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            problem = "HANGAR_AGENT_ADDRESS is not set to an absolute URL";
            return null;
        }

        if (string.IsNullOrEmpty(token))
        {
            problem = "no instance token (HANGAR_INSTANCE_TOKEN, in the environment or the credentials directory)";
            return null;
        }

        var work = Environment.GetEnvironmentVariable("HANGAR_AGENT_WORKDIR") ?? Path.Combine(Path.GetTempPath(), "hangar-agent");
        return new AgentEnvironment(uri, token, Environment.GetEnvironmentVariable("HANGAR_INSTANCE_NAME"), work);
    }

    // Once read, the token file goes too, so neither a task nor the runner's jobs find it where it was delivered; a
    // read-only delivery (a share the agent cannot write) keeps it, and the agent runs on.
    private static void DropTokenFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"hangar-agent: could not remove the token file {path}: {ex.Message}");
        }
    }
}
