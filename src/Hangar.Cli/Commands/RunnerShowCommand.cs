using System.CommandLine;
using System.Text.Json;
using Hangar.Cli.Api;
using Hangar.Cli.Output;
using Spectre.Console;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar runners show NAME</c>: one runner, deleted ones too, with its whole history (every move, oldest first in
/// the table). JSON and YAML are <c>GET /api/v1/runners/NAME</c> with <c>history</c> completed from the transitions
/// list, newest first as the API orders it.
/// </summary>
internal static class RunnerShowCommand
{
    private static readonly string[] Fields =
        ["name", "pool", "provider", "state", "created_at", "state_changed_at", "provider_id", "forge_runner_id", "job_id", "attempts", "last_reason", "last_error"];

    public static Command Create()
    {
        var show = new ApiCommand("show", "One runner with its history.");
        var name = new Argument<string>("name") { Description = "The runner's name (as `hangar runners list` shows it)." };
        show.Command.Arguments.Add(name);
        show.SetAction(async (api, format, parse, ct) =>
        {
            var runner = parse.GetValue(name)!;
            var escaped = Uri.EscapeDataString(runner);
            var view = await api.GetAsync($"api/v1/runners/{escaped}", ct);
            var history = await api.ListAsync($"api/v1/runners/{escaped}/transitions", null, ct);
            var whole = JsonOutput.Object(view.EnumerateObject()
                .Select(p => (p.Name, p.Name == "history" ? JsonOutput.Array(history.Items) : p.Value))
                .Append(("history", JsonOutput.Array(history.Items)))
                .DistinctBy(p => p.Item1));
            CommandOutput.Write(format, whole, console => WriteTable(console, view, history.Items, TimeProvider.System.GetUtcNow()));
            return ExitCodes.Ok;
        });
        return show.Command;
    }

    private static void WriteTable(IAnsiConsole console, JsonElement runner, IReadOnlyList<JsonElement> history, DateTimeOffset now)
    {
        console.Write(Cells.Details(runner, Fields, (property, value) => property switch
        {
            "state" => $"{Styles.State(Cells.Text(value))} for {Ages.Since(Cells.Time(runner, "state_changed_at"), now)}",
            "last_error" => Styles.Error(Cells.Text(value)),
            _ => null,
        }));
        console.WriteLine();
        if (history.Count == 0)
        {
            console.WriteLine("no history");
            return;
        }

        var table = Cells.Table("at", "from", "to", "after", "reason");
        DateTimeOffset? previous = null;
        foreach (var move in history.Reverse())
        {
            var at = Cells.Time(move, "at");
            table.AddRow(
                Markup.Escape(Cells.Text(move, "at")),
                Styles.State(Cells.Text(move, "from")),
                Styles.State(Cells.Text(move, "to")),
                previous is { } p && at is { } a ? Ages.Short(a - p) : "",
                Markup.Escape(Cells.Text(move, "reason")));
            previous = at;
        }

        console.Write(table);
    }
}
