using System.Text.Json;
using Hangar.Cli.Api;
using Spectre.Console;

namespace Hangar.Cli.Output;

/// <summary>
/// Prints what a list or show command read in the format <c>-o</c> chose: the data as JSON or YAML on standard
/// output, or the command's own table drawn on <see cref="CliConsole"/>.
/// </summary>
internal static class CommandOutput
{
    public static void Write(string format, JsonElement data, Action<IAnsiConsole> table)
    {
        switch (format)
        {
            case OutputFormat.Json:
                using (var stdout = Console.OpenStandardOutput())
                {
                    JsonOutput.Write(stdout, data);
                }

                break;
            case OutputFormat.Yaml:
                YamlOutput.Write(Console.Out, data);
                break;
            default:
                table(CliConsole.Create());
                break;
        }
    }
}
