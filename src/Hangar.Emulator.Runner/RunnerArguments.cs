using System.Globalization;

namespace Hangar.Emulator.Runner;

/// <summary>
/// Command line and environment, as the real runner reads them (<c>ACTIONS_RUNNER_INPUT_JITCONFIG</c> or
/// <c>--jitconfig</c>), and Hangar's file delivery: <c>$HANGAR_CREDENTIALS_DIRECTORY/ACTIONS_RUNNER_INPUT_JITCONFIG</c>.
/// </summary>
internal sealed record RunnerArguments(string JitConfig, TimeSpan IdleTimeout)
{
    public const string JitConfigVariable = "ACTIONS_RUNNER_INPUT_JITCONFIG";

    /// <summary>Set by a Hangar provider with <c>credential_delivery: file</c>: one file per secret, named after it.</summary>
    public const string CredentialsDirectoryVariable = "HANGAR_CREDENTIALS_DIRECTORY";

    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(10);

    public static RunnerArguments Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        string? jitConfig = null;
        var idleTimeout = DefaultIdleTimeout;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            switch (name)
            {
                case "--jitconfig":
                    jitConfig = inline ?? Next(args, ref i, name);
                    break;
                case "--idle-timeout":
                    var text = inline ?? Next(args, ref i, name);
                    idleTimeout = ParseDuration(text) ?? throw new RunnerException($"--idle-timeout: cannot read '{text}' (use e.g. 90, 30s, 10m, 1h or 00:10:00)", RunnerExitCodes.Usage);
                    break;
                default:
                    throw new RunnerException($"unknown argument '{name}' (expected --jitconfig, --idle-timeout)", RunnerExitCodes.Usage);
            }
        }

        jitConfig ??= environment(JitConfigVariable) ?? ReadCredentialOnce(environment(CredentialsDirectoryVariable));
        if (string.IsNullOrWhiteSpace(jitConfig))
        {
            throw new RunnerException(
                $"no JIT config: set {JitConfigVariable}, pass --jitconfig, or put it in ${CredentialsDirectoryVariable}/{JitConfigVariable}",
                RunnerExitCodes.Usage);
        }

        return new RunnerArguments(jitConfig.Trim(), idleTimeout);
    }

    /// <summary>
    /// The JIT config from the credentials directory, which is then removed: whatever the runner later runs (a job,
    /// as the same user) finds no credential there. A file that cannot be removed is still used.
    /// </summary>
    private static string? ReadCredentialOnce(string? directory)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        var path = Path.Combine(directory, JitConfigVariable);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RunnerException($"cannot read {path}: {ex.Message}", RunnerExitCodes.Usage);
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return text;
    }

    /// <summary>Seconds (<c>90</c>), a suffixed value (<c>30s</c>, <c>10m</c>, <c>1h</c>, <c>500ms</c>) or <c>hh:mm:ss</c>.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
        }

        (string number, double unitSeconds) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1),
            _ when text.EndsWith('m') => (text[..^1], 60),
            _ when text.EndsWith('h') => (text[..^1], 3600),
            _ => (text, 1),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromSeconds(value * unitSeconds)
            : null;
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static string Next(IReadOnlyList<string> args, ref int i, string name) =>
        ++i < args.Count ? args[i] : throw new RunnerException($"{name} needs a value", RunnerExitCodes.Usage);
}
