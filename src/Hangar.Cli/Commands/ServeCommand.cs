using System.CommandLine;
using Hangar.Configuration;
using Hangar.Server;
using Microsoft.Extensions.Hosting;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar serve --config FILE</c>: run the server until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var configOption = new Option<string>("--config", "-c") { Description = "The configuration file (YAML).", Required = true };
        var listen = new Option<string?>("--listen") { Description = "Override server.listen, e.g. http://127.0.0.1:8080." };
        var logFormat = new Option<string>("--log-format") { Description = "text (one line per event) or json.", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var secrets = new Option<string[]>("--secret") { Description = "A credential as NAME=VALUE (wins over env, systemd credentials and files).", AllowMultipleArgumentsPerToken = false };

        var command = new Command("serve", "Run the Hangar server.");
        command.Options.Add(configOption);
        command.Options.Add(listen);
        command.Options.Add(logFormat);
        command.Options.Add(secrets);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(configOption)!;
            var loaded = ConfigLoader.Load(path);
            if (!loaded.IsValid)
            {
                foreach (var error in loaded.Errors)
                {
                    Console.Error.WriteLine(error.ToString());
                }

                return ExitCodes.Invalid;
            }

            var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(secrets) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    Console.Error.WriteLine("hangar: --secret expects NAME=VALUE");
                    return ExitCodes.Invalid;
                }

                overrides[pair[..eq]] = pair[(eq + 1)..];
            }

            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = HangarHost.Create(loaded.Config, new HangarHostOptions
                {
                    Listen = parse.GetValue(listen),
                    LogFormat = parse.GetValue(logFormat)!,
                    SecretOverrides = overrides,
                });
            }
            catch (Exception ex) when (IsStartupFailure(ex))
            {
                return StartupFailed(ex);
            }

            await using (app)
            {
                // Starting migrates the store and binds the port: failures there are start-up failures too.
                try
                {
                    await app.StartAsync(ct);
                }
                catch (Exception ex) when (IsStartupFailure(ex))
                {
                    return StartupFailed(ex);
                }

                await app.WaitForShutdownAsync(ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool IsStartupFailure(Exception ex) => ex is SecretNotFoundException or InvalidOperationException or IOException;

    private static int StartupFailed(Exception ex)
    {
        Console.Error.WriteLine($"hangar: {ex.Message}");
        return ExitCodes.StartupFailed;
    }
}
