using System.CommandLine;
using Hangar.Agent.Protocol;
using Hangar.Configuration;
using Hangar.Server.Agent;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar exec --config FILE --pool POOL [--input DIR] [--map SRC:DEST …] [--output DIR] -- COMMAND [ARGS…]</c>: runs
/// one command in a fresh instance of the pool through its agent, and exits with the command's exit code (125 when
/// Hangar itself failed, 130 when interrupted). Ctrl-C cancels the task and still destroys the instance.
/// </summary>
internal static class ExecCommand
{
    public const int HangarFailed = 125;
    public const int Interrupted = 130;

    public static Command Create()
    {
        var configOption = new Option<string>("--config", "-c") { Description = "The configuration file (YAML): its store, providers and pools.", Required = true };
        var pool = new Option<string>("--pool") { Description = "The pool whose provider makes the instance.", Required = true };
        var input = new Option<string?>("--input") { Description = "A directory copied whole into the task's work directory." };
        var map = new Option<string[]>("--map") { Description = "SRC:DEST: a file or directory placed at DEST in the work directory (repeatable).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--output") { Description = "Where the files the task changed are written." };
        var commandArgs = new Argument<string[]>("command") { Description = "The command and its arguments, after --.", Arity = ArgumentArity.OneOrMore };

        var command = new Command("exec", "Run a command in a fresh instance and get the files it changed back.");
        command.Options.Add(configOption);
        command.Options.Add(pool);
        command.Options.Add(input);
        command.Options.Add(map);
        command.Options.Add(output);
        command.Arguments.Add(commandArgs);
        command.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(configOption)!);
            if (!loaded.IsValid)
            {
                foreach (var error in loaded.Errors)
                {
                    await Console.Error.WriteLineAsync(error.ToString());
                }

                return HangarFailed;
            }

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
            return await RunAsync(loaded.Config, parse.GetValue(pool)!, request, ct);
        });
        return command;
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
