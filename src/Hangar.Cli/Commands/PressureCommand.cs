using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Hangar.Cli.Api;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar pressure watch FLAVOR</c>: the reference consumer of the pressure stream. Prints each change (a timestamp
/// and the value; <c>-o json</c> prints the stream's lines as they come, heartbeats included) and reconnects after a
/// dropped connection, backing off from 1 s to 30 s. A refusal (401, 403, 404) ends it: retrying cannot help.
/// </summary>
internal static class PressureCommand
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    public static Command Create(TimeProvider? timeProvider = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        var server = new ServerOptions();
        var output = OutputFormat.CreateOption();
        var flavor = new Argument<string>("flavor") { Description = "The flavor (pool) to follow." };
        var watch = new Command("watch", "Follow a flavor's pressure until interrupted (a reference consumer of the stream).");
        server.AddTo(watch);
        watch.Options.Add(output);
        watch.Arguments.Add(flavor);
        watch.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(flavor)!;
            var json = parse.GetValue(output) == "json";
            using var http = server.CreateClient(parse, Timeout.InfiniteTimeSpan);
            var retry = FirstRetry;
            int? last = null;
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync($"api/v1/flavors/{Uri.EscapeDataString(name)}/pressure?stream=true", HttpCompletionOption.ResponseHeadersRead, ct);
                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                    {
                        var body = await response.Content.ReadAsStringAsync(ct);
                        Console.Error.WriteLine($"hangar: {parse.GetValue(server.Server)} answered {(int)response.StatusCode}: {ApiListReader.ProblemDetail(body)}");
                        return ExitCodes.Unavailable;
                    }

                    response.EnsureSuccessStatusCode();
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                    while (await reader.ReadLineAsync(ct) is { } line)
                    {
                        retry = FirstRetry;
                        if (json)
                        {
                            Console.WriteLine(line);
                        }
                        else if (Value(line, name) is { } value && value != last)
                        {
                            Console.WriteLine($"{time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {name} {value}");
                        }

                        last = Value(line, name) ?? last;
                    }

                    Console.Error.WriteLine("hangar: the stream ended; reconnecting");
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException && !ct.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"hangar: {ex.Message}; reconnecting in {retry.TotalSeconds:0}s");
                    await Task.Delay(retry, time, ct).ConfigureAwait(false);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
            }

            return ExitCodes.Ok;
        });

        var command = new Command("pressure", "The planner API's pressure per flavor.");
        command.Subcommands.Add(watch);
        return command;
    }

    private static int? Value(string line, string flavor)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty(flavor, out var v) && v.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
