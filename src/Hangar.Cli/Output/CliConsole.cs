using Spectre.Console;

namespace Hangar.Cli.Output;

/// <summary>
/// The console commands draw on. Colours and cursor movement only on a terminal: never when the output is redirected
/// (a pipe, a file, a CI log), when <c>NO_COLOR</c> is set to anything (https://no-color.org), or when
/// <c>TERM=dumb</c>. A redirected table is not cut to an imaginary 80 columns.
/// </summary>
internal static class CliConsole
{
    /// <summary>Width given to redirected output, so long values (errors, label lists) stay whole for grep and less.</summary>
    public const int RedirectedWidth = 400;

    public static bool IsTerminal => !Console.IsOutputRedirected;

    public static bool ColorsWanted(bool terminal, string? noColor, string? term) =>
        terminal && string.IsNullOrEmpty(noColor) && !string.Equals(term, "dumb", StringComparison.Ordinal);

    public static IAnsiConsole Create() =>
        Create(Console.Out, IsTerminal, Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM"));

    public static IAnsiConsole Create(TextWriter output, bool terminal, string? noColor, string? term)
    {
        var colors = ColorsWanted(terminal, noColor, term);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colors ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colors ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
