using System.CommandLine;

namespace Hangar.Cli.Api;

internal static class OutputFormat
{
    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--output", "-o") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }
}
