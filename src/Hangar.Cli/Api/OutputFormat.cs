using System.CommandLine;

namespace Hangar.Cli.Api;

/// <summary>
/// <c>-o table|json|yaml</c>, the same on every list and show command. <c>json</c> prints the API's own shapes;
/// <c>yaml</c> the same data as YAML; <c>table</c> is for people and may change between versions.
/// </summary>
internal static class OutputFormat
{
    public const string Table = "table";
    public const string Json = "json";
    public const string Yaml = "yaml";

    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--output", "-o") { Description = "table, json or yaml.", DefaultValueFactory = _ => Table };
        option.AcceptOnlyFromAmong(Table, Json, Yaml);
        return option;
    }
}
