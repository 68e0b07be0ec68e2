namespace Hangar.Providers.External;

/// <summary>How a run of the provider executable ended.</summary>
internal sealed record GarmExecResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The error text GARM builds: exit code, then stdout and stderr, trimmed to a readable length.</summary>
    public string Describe(string command) =>
        $"{command} exited with {ExitCode}: {Clip(Stderr)}{(string.IsNullOrWhiteSpace(Stdout) ? "" : $" (stdout: {Clip(Stdout)})")}";

    private static string Clip(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 800 ? trimmed : trimmed[..800] + "…";
    }
}
