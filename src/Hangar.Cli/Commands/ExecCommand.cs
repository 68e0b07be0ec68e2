using System.CommandLine;
using System.Text.Json;
using Hangar.Agent.Protocol;
using Hangar.Configuration;
using Hangar.Server.Agent;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar exec (--config FILE | --server URL [--token TOKEN]) --pool POOL [--input DIR] [--map SRC:DEST …] [--output DIR]
/// -- COMMAND [ARGS…]</c>: runs one command in a fresh instance of the pool through its agent, and exits with the
/// command's exit code (125 when Hangar itself failed, 130 when interrupted). Ctrl-C cancels the task and still destroys
/// the instance. With <c>--server</c> a running server does it (<see cref="RemoteExec"/>).
/// </summary>
internal static class ExecCommand
{
    public const int HangarFailed = 125;
    public const int Interrupted = 130;

    public static Command Create()
    {
        var configOption = new Option<string?>("--config", "-c") { Description = "The configuration file (YAML): its store, providers and pools." };
        var server = new Option<string?>("--server") { Description = "Run through this server instead (its exec_only pools; an admin token)." };
        var token = new Option<string?>("--token") { Description = "API bearer token for --server (default $HANGAR_TOKEN).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HANGAR_TOKEN") };
        var pool = new Option<string>("--pool") { Description = "The pool whose provider makes the instance.", Required = true };
        var input = new Option<string?>("--input") { Description = "A directory copied whole into the task's work directory." };
        var map = new Option<string[]>("--map") { Description = "SRC:DEST: a file or directory placed at DEST in the work directory (repeatable).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--output") { Description = "Where the files the task changed are written." };
        var commandArgs = new Argument<string[]>("command") { Description = "The command and its arguments, after --.", Arity = ArgumentArity.OneOrMore };

        var command = new Command("exec", "Run a command in a fresh instance and get the files it changed back.");
        command.Options.Add(configOption);
        command.Options.Add(server);
        command.Options.Add(token);
        command.Validators.Add(r =>
        {
            if ((r.GetValue(configOption) is null) == (r.GetValue(server) is null))
            {
                r.AddError("give either --config FILE or --server URL");
            }
        });
        command.Options.Add(pool);
        command.Options.Add(input);
        command.Options.Add(map);
        command.Options.Add(output);
        command.Arguments.Add(commandArgs);
        command.SetAction(async (parse, ct) =>
        {
            var inputs = new List<(string, string)>();
            if (parse.GetValue(input) is { } dir)
            {
                inputs.Add((dir, ""));
            }

            foreach (var mapping in parse.GetValue(map) ?? [])
            {
                var colon = mapping.LastIndexOf(':');
                if (colon <= 0 || colon == mapping.Length - 1)
                {
                    await Console.Error.WriteLineAsync($"hangar exec: --map '{mapping}' is not SRC:DEST");
                    return HangarFailed;
                }

                inputs.Add((mapping[..colon], mapping[(colon + 1)..]));
            }

            var request = new ExecRequest { Command = parse.GetValue(commandArgs)!, Inputs = inputs, OutputDirectory = parse.GetValue(output) };
            if (parse.GetValue(server) is { } url)
            {
                return await RunRemoteAsync(url, parse.GetValue(token), parse.GetValue(pool)!, request, ct);
            }

            var loaded = ConfigLoader.Load(parse.GetValue(configOption)!);
            if (!loaded.IsValid)
            {
                foreach (var error in loaded.Errors)
                {
                    await Console.Error.WriteLineAsync(error.ToString());
                }

                return HangarFailed;
            }

            return await RunAsync(loaded.Config, parse.GetValue(pool)!, request, ct);
        });
        return command;
    }

    private static async Task<int> RunRemoteAsync(string url, string? token, string pool, ExecRequest request, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (token is { Length: > 0 })
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            return await RemoteExec.RunAsync(http, pool, request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or UnsafeArchiveException or JsonException && !ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"hangar exec: {ex.Message}{(ex.InnerException is { } inner ? ": " + inner.Message : "")}");
            return HangarFailed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Going away cancels the task at the server, which destroys the machine.
            await Console.Error.WriteLineAsync("hangar exec: interrupted; the server cancels the task and destroys the instance");
            return Interrupted;
        }
    }

    private static async Task<int> RunAsync(HangarConfig config, string pool, ExecRequest request, CancellationToken ct)
    {
        try
        {
            var app = ExecHost.Create(config);
            await using (app)
            {
                await app.StartAsync(CancellationToken.None);
                var outcome = await ExecHost.RunAsync(app, pool, request, new ConsoleExecSink(), ct);
                foreach (var deleted in outcome.Deleted)
                {
                    await Console.Error.WriteLineAsync($"hangar exec: deleted {deleted}");
                }

                if (outcome.Error.Length > 0)
                {
                    await Console.Error.WriteLineAsync($"hangar exec: {outcome.Error}");
                }

                await app.StopAsync(CancellationToken.None);
                return ct.IsCancellationRequested ? Interrupted : outcome.ExitCode;
            }
        }
        catch (Exception ex) when (ex is ExecProtocolException or InvalidOperationException or IOException or SecretNotFoundException or ArchiveLimitException)
        {
            await Console.Error.WriteLineAsync($"hangar exec: {ex.Message}");
            return HangarFailed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("hangar exec: interrupted; the instance was destroyed");
            return Interrupted;
        }
    }
}
