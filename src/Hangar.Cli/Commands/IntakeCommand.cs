using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangar.Cli.Api;
using Spectre.Console;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar intake dead-letters</c>: the RabbitMQ intake's poison messages with the reason each was
/// dead-lettered, read through the server's API (nothing is taken off the queue).</summary>
internal static class IntakeCommand
{
    private static readonly string[] Columns = ["message_id", "kind", "reason", "dead_lettered_at", "forge", "bytes"];

    public static Command Create()
    {
        var server = new ServerOptions();
        var output = OutputFormat.CreateOption();
        var limit = new Option<int>("--limit") { Description = "Show at most this many, oldest first (1 to 500).", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 500)
            {
                r.AddError("--limit must be 1 to 500");
            }
        });

        var deadLetters = new Command("dead-letters", "Poison messages in the dead-letter queue, with why each was put there.");
        server.AddTo(deadLetters);
        deadLetters.Options.Add(output);
        deadLetters.Options.Add(limit);
        deadLetters.SetAction(async (parse, ct) =>
        {
            var baseUrl = parse.GetValue(server.Server)!;
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
            if (parse.GetValue(server.Token) is { Length: > 0 } token)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            JsonDocument page;
            try
            {
                using var response = await http.GetAsync($"api/v1/intake/dead-letters?limit={parse.GetValue(limit)}", ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"hangar: {baseUrl} answered {(int)response.StatusCode}: {ProblemDetail(body)}");
                    return ExitCodes.Unavailable;
                }

                page = JsonDocument.Parse(body);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                Console.Error.WriteLine($"hangar: cannot read dead letters from {baseUrl}: {ex.Message}");
                return ExitCodes.Unavailable;
            }

            using (page)
            {
                if (parse.GetValue(output) == "json")
                {
                    Console.WriteLine(page.RootElement.ToString());
                    return ExitCodes.Ok;
                }

                WriteTable(page.RootElement);
            }

            return ExitCodes.Ok;
        });

        var command = new Command("intake", "The RabbitMQ intake queue (intake.rabbitmq).");
        command.Subcommands.Add(deadLetters);
        return command;
    }

    private static void WriteTable(JsonElement page)
    {
        var items = page.GetProperty("items");
        Console.WriteLine($"{page.GetProperty("queue").GetString()}: {page.GetProperty("count").GetUInt32()} dead letter(s)");
        if (items.GetArrayLength() == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in Columns)
        {
            table.AddColumn(column.ToUpperInvariant());
        }

        foreach (var item in items.EnumerateArray())
        {
            table.AddRow(Columns.Select(c => Markup.Escape(item.TryGetProperty(c, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "")).ToArray());
        }

        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Console.Profile.Width = 400;
        }

        AnsiConsole.Console.Write(table);
    }

    private static string ProblemDetail(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("detail", out var detail) ? detail.ToString()
                : problem.RootElement.TryGetProperty("title", out var title) ? title.ToString() : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
