using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangar.Cli.Api;
using Spectre.Console;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar pools|runners|jobs list</c>: read the REST API, print a table or the JSON as the API gave it.</summary>
internal static class ListCommands
{
    private static readonly Dictionary<string, string[]> Columns = new(StringComparer.Ordinal)
    {
        ["pools"] = ["name", "target", "labels", "provider", "min_idle", "max_runners", "priority", "queued_jobs", "runners"],
        ["runners"] = ["name", "pool", "state", "job_id", "attempts", "state_changed_at", "last_reason", "last_error"],
        ["jobs"] = ["id", "repository", "status", "labels", "pool", "runner_name", "queued_at", "unroutable_reason"],
    };

    public static Command Create(string resource, string description)
    {
        var server = new ServerOptions();
        var output = OutputFormat.CreateOption();
        var list = new Command("list", $"List {resource}.");
        server.AddTo(list);
        list.Options.Add(output);
        // Failed creates are cleaned up at once, so they would vanish from the live list; this shows them with why.
        var failed = new Option<bool>("--failed") { Description = "Runners that hold an error (creates that gave up, failed destroys), deleted ones included." };
        if (resource == "runners")
        {
            list.Options.Add(failed);
        }

        list.SetAction(async (parse, ct) =>
        {
            var baseUrl = parse.GetValue(server.Server)!;
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
            if (parse.GetValue(server.Token) is { Length: > 0 } token)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync(resource == "runners" && parse.GetValue(failed) ? "api/v1/runners?failed=true" : $"api/v1/{resource}", ct);
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"hangar: cannot reach {baseUrl}: {ex.Message}");
                return ExitCodes.Unavailable;
            }

            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"hangar: {baseUrl} answered {(int)response.StatusCode}: {ProblemDetail(body)}");
                return ExitCodes.Unavailable;
            }

            if (parse.GetValue(output) == "json")
            {
                Console.WriteLine(body);
                return ExitCodes.Ok;
            }

            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.GetArrayLength() == 0)
            {
                Console.WriteLine($"no {resource}");
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in Columns[resource])
            {
                table.AddColumn(column.ToUpperInvariant());
            }

            foreach (var row in doc.RootElement.EnumerateArray())
            {
                table.AddRow(Columns[resource].Select(c => Markup.Escape(Cell(row, c))).ToArray());
            }

            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                // A pipe has no width: do not cut values to an imaginary 80-column terminal.
                console.Profile.Width = 400;
            }

            console.Write(table);
            return ExitCodes.Ok;
        });

        var command = new Command(resource, description);
        command.Subcommands.Add(list);
        return command;
    }

    private static string Cell(JsonElement row, string column)
    {
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

    private static string ProblemDetail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("detail", out var d) ? d.ToString()
                : doc.RootElement.TryGetProperty("title", out var t) ? t.ToString() : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
