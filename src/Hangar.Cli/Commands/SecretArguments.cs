using System.CommandLine;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>serve</c>'s command-line credentials: <c>--secret NAME=VALUE</c>, which every user of the machine can read in the
/// process list, and <c>--secret-file NAME=PATH</c> (<c>-</c> for standard input), which keeps the value out of it.
/// Both win over the environment, systemd credentials and files.
/// </summary>
internal sealed class SecretArguments
{
    public const string StandardInput = "-";

    public Option<string[]> Inline { get; } = new("--secret")
    {
        Description = "A credential as NAME=VALUE. The value shows in the process list: prefer --secret-file.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Files { get; } = new("--secret-file")
    {
        Description = "A credential read from a file, as NAME=PATH; PATH '-' reads standard input (for one name).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The names given with <c>--secret</c>, whose values are in the process list.</summary>
    public IReadOnlyList<string> InlineNames(ParseResult parse) =>
        [.. (parse.GetValue(Inline) ?? []).Select(pair => pair.Split('=', 2)[0])];

    /// <summary>Every credential given, by name; or why the arguments are wrong (never quoting a value).</summary>
    public (Dictionary<string, string>? Secrets, string? Error) Read(ParseResult parse, TextReader stdin)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(Inline) ?? [])
        {
            if (Split(pair) is not var (name, value))
            {
                return (null, "--secret expects NAME=VALUE");
            }

            secrets[name] = value;
        }

        var fromStdin = (parse.GetValue(Files) ?? []).Count(p => Split(p) is (_, StandardInput));
        if (fromStdin > 1)
        {
            return (null, "--secret-file: standard input ('-') can hold one secret only");
        }

        foreach (var pair in parse.GetValue(Files) ?? [])
        {
            if (Split(pair) is not var (name, path))
            {
                return (null, "--secret-file expects NAME=PATH (PATH '-' for standard input)");
            }

            string text;
            try
            {
                text = path == StandardInput ? stdin.ReadToEnd() : File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (null, $"--secret-file {name}: cannot read {path}: {ex.Message}");
            }

            // `echo` and editors end the file with a newline that is not part of the secret.
            var value = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
            if (value.Length == 0)
            {
                return (null, $"--secret-file {name}: {(path == StandardInput ? "standard input" : path)} is empty");
            }

            secrets[name] = value;
        }

        return (secrets, null);
    }

    private static (string Name, string Value)? Split(string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        return eq <= 0 ? null : (pair[..eq], pair[(eq + 1)..]);
    }
}
