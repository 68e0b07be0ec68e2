using System.CommandLine;
using Hangar.Configuration;
using Hangar.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar serve|gateway --config FILE [--secret-file NAME=PATH]</c>: run a host until stopped. Both read the
/// same configuration file; <paramref name="create"/> picks what runs (the server, or the stateless gateway).</summary>
internal static class HostCommand
{
    public static Command Create(string name, string description, Func<HangarConfig, HangarHostOptions, Microsoft.AspNetCore.Builder.WebApplication> create)
    {
        var configOption = new Option<string>("--config", "-c") { Description = "The configuration file (YAML).", Required = true };
        var listen = new Option<string?>("--listen") { Description = "Override server.listen, e.g. http://127.0.0.1:8080." };
        var logFormat = new Option<string>("--log-format") { Description = "text (one line per event) or json.", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var secrets = new SecretArguments();

        var command = new Command(name, description);
        command.Options.Add(configOption);
        command.Options.Add(listen);
        command.Options.Add(logFormat);
        command.Options.Add(secrets.Inline);
        command.Options.Add(secrets.Files);
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

            var (overrides, secretError) = secrets.Read(parse, Console.In);
            if (overrides is null)
            {
                Console.Error.WriteLine($"hangar: {secretError}");
                return ExitCodes.Invalid;
            }

            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = create(loaded.Config, new HangarHostOptions
                {
                    Listen = parse.GetValue(listen),
                    ConfigPath = path,
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
                if (secrets.InlineNames(parse) is { Count: > 0 } inline)
                {
                    CliLog.SecretOnCommandLine(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hangar.Cli"), string.Join(", ", inline));
                }

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
