using System.CommandLine;
using System.Text.Json;
using Hangar.Cli.Api;
using Hangar.Cli.Output;
using Spectre.Console;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar pools|runners|jobs list</c>: read a REST API list to its end (every page) or up to <c>--limit</c>, print
/// a table, or the items as one JSON array or YAML sequence. Runners and jobs come newest first, pools by name, as the
/// API gives them.
/// </summary>
internal static class ListCommands
{
    private static readonly Dictionary<string, string[]> Columns = new(StringComparer.Ordinal)
    {
        ["pools"] = ["name", "target", "labels", "provider", "min_idle", "max_runners", "priority", "queued_jobs", "runners", "owner", "state"],
        ["runners"] = ["name", "pool", "state", "job_id", "attempts", "state_changed_at", "last_reason", "last_error"],
        ["jobs"] = ["id", "repository", "status", "labels", "pool", "runner_name", "queued_at", "unroutable_reason"],
        ["flavors"] = ["name", "platform", "labels", "priority", "enabled", "minimum_pressure", "pressure_only", "pressure"],
        ["tokens"] = ["id", "name", "scope", "source", "created_at", "expires_at", "last_used_at", "revoked_at"],
    };

    /// <summary>The resource's command with its <c>list</c> subcommand; callers add <c>show</c> and the writes.</summary>
    public static Command Create(string resource, string description)
    {
        var list = new ApiCommand("list", $"List {resource}.");
        var limit = new Option<int?>("--limit") { Description = $"Show at most this many {resource} (default: all of them)." };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--limit must be at least 1");
            }
        });
        list.Command.Options.Add(limit);

        // Failed creates are cleaned up at once, so they would vanish from the live list; this shows them with why.
        var failed = new Option<bool>("--failed") { Description = "Runners that hold an error (creates that gave up, failed destroys), deleted ones included." };
        if (resource == "runners")
        {
            list.Command.Options.Add(failed);
        }

        var all = new Option<bool>("--all") { Description = "Revoked tokens too." };
        if (resource == "tokens")
        {
            list.Command.Options.Add(all);
        }

        list.SetAction(async (api, format, parse, ct) =>
        {
            var path = resource == "runners" && parse.GetValue(failed) ? "api/v1/runners?failed=true"
                : resource == "tokens" && parse.GetValue(all) ? "api/v1/tokens?all=true"
                : $"api/v1/{resource}";
            var read = await api.ListAsync(path, parse.GetValue(limit), ct);
            CommandOutput.Write(format, JsonOutput.Array(read.Items), console => WriteTable(console, resource, read.Items));
            if (read.More)
            {
                // stderr, so a script reading the output sees only the items it asked for.
                Console.Error.WriteLine($"hangar: more {resource} than --limit {parse.GetValue(limit)} shows");
            }

            return ExitCodes.Ok;
        });

        var command = new Command(resource, description);
        command.Subcommands.Add(list.Command);
        return command;
    }

    private static void WriteTable(IAnsiConsole console, string resource, IReadOnlyList<JsonElement> items)
    {
        if (items.Count == 0)
        {
            console.WriteLine($"no {resource}");
            return;
        }

        var table = Cells.Table(Columns[resource]);
        foreach (var row in items)
        {
            table.AddRow(Columns[resource].Select(c => Cell(resource, row, c)).ToArray());
        }

        console.Write(table);
    }

    private static string Cell(string resource, JsonElement row, string column)
    {
        // A pool whose creates are held back says why in the same cell: "degraded: image 'x' is not present ...".
        if (resource == "pools" && column == "state" && Cells.Text(row, "state") is var state and not "ok")
        {
            return $"{Styles.State(state)}: {Markup.Escape(Cells.Text(row, "last_error"))}";
        }

        var text = Cells.Text(row, column);
        return column is "state" or "status" ? Styles.State(text) : column == "last_error" ? Styles.Error(text) : Markup.Escape(text);
    }
}
