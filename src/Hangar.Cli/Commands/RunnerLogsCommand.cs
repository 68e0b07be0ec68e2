using System.CommandLine;
using System.Net;
using System.Text.Json;
using Hangar.Cli.Api;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar runners logs NAME [-f] [--tail N]</c>: what the runner printed from boot on (its boot log, streamed by its
/// agent), stdout lines to stdout and stderr lines to stderr. <c>-f</c> follows until the runner is deleted or Ctrl-C;
/// a dropped stream is resumed from the last line seen.
/// </summary>
internal static class RunnerLogsCommand
{
    public static Command Create()
    {
        var server = new ServerOptions();
        var name = new Argument<string>("name") { Description = "The runner (instance) name, as `hangar runners list` shows it." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until the runner is deleted." };
        var tail = new Option<int>("--tail") { Description = "How many of the newest lines to show first (default 100).", DefaultValueFactory = _ => 100 };
        tail.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                r.AddError("--tail must be 1 to 10000");
            }
        });

        var command = new Command("logs", "Show a runner's boot log: what it printed from boot on (needs a pool with `agent`).");
        server.AddTo(command);
        command.Arguments.Add(name);
        command.Options.Add(follow);
        command.Options.Add(tail);
        command.SetAction(async (parse, ct) =>
        {
            var baseUrl = parse.GetValue(server.Server)!;
            var path = $"api/v1/runners/{Uri.EscapeDataString(parse.GetValue(name)!)}/logs?tail={parse.GetValue(tail)}";
            try
            {
                if (!parse.GetValue(follow))
                {
                    using var http = server.CreateClient(parse);
                    return await PrintAsync(http, path, baseUrl, ct);
                }

                using var stream = server.CreateClient(parse, Timeout.InfiniteTimeSpan);
                return await FollowAsync(stream, path + "&follow=true", baseUrl, ct);
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"hangar: cannot reach {baseUrl}: {ex.Message}");
                return ExitCodes.Unavailable;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static async Task<int> PrintAsync(HttpClient http, string path, string baseUrl, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"hangar: {baseUrl} answered {(int)response.StatusCode}: {ApiListReader.ProblemDetail(body)}");
            return ExitCodes.Unavailable;
        }

        using var document = JsonDocument.Parse(body);
        foreach (var line in document.RootElement.GetProperty("lines").EnumerateArray())
        {
            Print(line);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> FollowAsync(HttpClient http, string path, string baseUrl, CancellationToken ct)
    {
        string? lastId = null;
        var retries = 0;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (lastId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastId);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (HttpRequestException) when (lastId is not null && retries++ < 5)
            {
                continue;
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(ct);
                    Console.Error.WriteLine($"hangar: {baseUrl} answered {(int)response.StatusCode}: {ApiListReader.ProblemDetail(body)}");
                    return response.StatusCode == HttpStatusCode.NotFound ? ExitCodes.Invalid : ExitCodes.Unavailable;
                }

                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                string? kind = null;
                try
                {
                    while (await reader.ReadLineAsync(ct) is { } line)
                    {
                        if (line.StartsWith("event: ", StringComparison.Ordinal))
                        {
                            kind = line[7..];
                        }
                        else if (line.StartsWith("id: ", StringComparison.Ordinal))
                        {
                            lastId = line[4..];
                        }
                        else if (line.StartsWith("data: ", StringComparison.Ordinal) && kind == "line")
                        {
                            using var data = JsonDocument.Parse(line[6..]);
                            Print(data.RootElement);
                            retries = 0;
                        }
                        else if (kind == "end")
                        {
                            return ExitCodes.Ok;
                        }
                    }
                }
                catch (IOException) when (!ct.IsCancellationRequested && retries++ < 5)
                {
                    // The stream dropped (a server restart, a proxy): resume after the last line seen.
                }
            }
        }
    }

    private static void Print(JsonElement line)
    {
        var text = line.GetProperty("line").GetString();
        if (line.GetProperty("stream").GetString() == "stderr")
        {
            Console.Error.WriteLine(text);
        }
        else
        {
            Console.Out.WriteLine(text);
        }
    }
}
