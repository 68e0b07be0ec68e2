using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Hangar.Cli.Output;

/// <summary>How an API value reads in a table cell: lists joined with commas, maps as <c>k=v</c>, null empty.</summary>
internal static class Cells
{
    public static string Text(JsonElement row, string property) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(property, out var value) ? Text(value) : "";

    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(v => v.ToString())),
        JsonValueKind.Object => string.Join(" ", value.EnumerateObject().Select(p => $"{p.Name}={p.Value}")),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.ToString(),
    };

    public static DateTimeOffset? Time(JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;

    public static int Int(JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    /// <summary>A table with the simple border <c>kubectl</c>-style tools use, headers in capitals.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column.ToUpperInvariant()).NoWrap());
        }

        // Long errors and label lists wrap in the last column instead of squeezing every other one.
        table.Columns[^1].NoWrap = false;
        return table;
    }

    /// <summary>Name/value lines for one object (<c>show</c> commands), names in bold.</summary>
    public static Grid Details(JsonElement item, IEnumerable<string> properties, Func<string, JsonElement, string?>? markup = null)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var property in properties)
        {
            var value = item.TryGetProperty(property, out var v) ? v : default;
            var text = markup?.Invoke(property, value) ?? Markup.Escape(value.ValueKind == JsonValueKind.Undefined ? "" : Text(value));
            grid.AddRow($"[bold]{Markup.Escape(property)}[/]", text);
        }

        return grid;
    }
}
