using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hangar.Cli.Api;
using Spectre.Console;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar pools|runners|jobs list</c>: read a REST API list to its end (every page) or up to <c>--limit</c>, print
/// a table or the items as one JSON array. Runners and jobs come newest first, pools by name, as the API gives them.
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

    public static Command Create(string resource, string description)
    {
        var server = new ServerOptions();
        var output = OutputFormat.CreateOption();
        var list = new Command("list", $"List {resource}.");
        server.AddTo(list);
        list.Options.Add(output);
        var limit = new Option<int?>("--limit") { Description = $"Show at most this many {resource} (default: all of them)." };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--limit must be at least 1");
            }
        });
        list.Options.Add(limit);

        // Failed creates are cleaned up at once, so they would vanish from the live list; this shows them with why.
        var failed = new Option<bool>("--failed") { Description = "Runners that hold an error (creates that gave up, failed destroys), deleted ones included." };
        if (resource == "runners")
        {
            list.Options.Add(failed);
        }

        var all = new Option<bool>("--all") { Description = "Revoked tokens too." };
        if (resource == "tokens")
        {
            list.Options.Add(all);
        }

        list.SetAction(async (parse, ct) =>
        {
            var baseUrl = parse.GetValue(server.Server)!;
            using var http = server.CreateClient(parse);
            var path = resource == "runners" && parse.GetValue(failed) ? "api/v1/runners?failed=true"
                : resource == "tokens" && parse.GetValue(all) ? "api/v1/tokens?all=true"
                : $"api/v1/{resource}";
            ApiList read;
            try
            {
                read = await new ApiListReader(http).ReadAsync(path, parse.GetValue(limit), ct);
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"hangar: cannot reach {baseUrl}: {ex.Message}");
                return ExitCodes.Unavailable;
            }

            if (read.Error is not null)
            {
                Console.Error.WriteLine($"hangar: {baseUrl} {read.Error}");
                return ExitCodes.Unavailable;
            }

            if (parse.GetValue(output) == "json")
            {
                WriteJson(read.Items);
            }
            else
            {
                WriteTable(resource, read.Items);
            }

            if (read.More)
            {
                // stderr, so a script reading the output sees only the items it asked for.
                Console.Error.WriteLine($"hangar: more {resource} than --limit {parse.GetValue(limit)} shows");
            }

            return ExitCodes.Ok;
        });

        var command = new Command(resource, description);
        command.Subcommands.Add(list);
        return command;
    }

    private static void WriteJson(IReadOnlyList<JsonElement> items)
    {
        using var stdout = Console.OpenStandardOutput();
        // Relaxed escaping: this is for people and jq, not for embedding in HTML.
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        stdout.WriteByte((byte)'\n');
    }

    private static void WriteTable(string resource, IReadOnlyList<JsonElement> items)
    {
        if (items.Count == 0)
        {
            Console.WriteLine($"no {resource}");
            return;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in Columns[resource])
        {
            table.AddColumn(column.ToUpperInvariant());
        }

        foreach (var row in items)
        {
            table.AddRow(Columns[resource].Select(c => Markup.Escape(Cell(resource, row, c))).ToArray());
        }

        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // A pipe has no width: do not cut values to an imaginary 80-column terminal.
            console.Profile.Width = 400;
        }

        console.Write(table);
    }

    private static string Cell(string resource, JsonElement row, string column)
    {
        // A pool whose creates are held back says why in the same cell: "degraded: image 'x' is not present ...".
        if (resource == "pools" && column == "state" && row.TryGetProperty("last_error", out var error) && row.TryGetProperty(column, out var state) && state.GetString() != "ok")
        {
            return $"{state.GetString()}: {error.GetString()}";
        }

        if (!row.TryGetProperty(column, out var value))
        {
            return "";
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(v => v.ToString())),
            JsonValueKind.Object => string.Join(" ", value.EnumerateObject().Select(p => $"{p.Name}={p.Value}")),
            JsonValueKind.Null => "",
            _ => value.ToString(),
        };
    }
}
