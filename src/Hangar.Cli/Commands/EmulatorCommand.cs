using System.CommandLine;
using Hangar.Emulator;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar emulator</c>: the local GitHub stand-in on its own, for scripts (see docs/emulator.md).</summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Loopback URL to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:8081" };
        var token = new Option<string?>("--token") { Description = "The token it accepts (default $HANGAR_EMULATOR_TOKEN)." };
        var webhookUrl = new Option<string?>("--webhook-url") { Description = "Where to send workflow_job webhooks, e.g. http://127.0.0.1:8080/webhooks/github." };
        var webhookSecret = new Option<string?>("--webhook-secret") { Description = "Signing secret (default $HANGAR_EMULATOR_WEBHOOK_SECRET)." };
        var duration = new Option<int>("--job-duration-ms") { Description = "Default job duration.", DefaultValueFactory = _ => 500 };

        var command = new Command("emulator", "Run the local GitHub emulator (REST subset, signed webhooks, runner protocol).");
        command.Options.Add(listen);
        command.Options.Add(token);
        command.Options.Add(webhookUrl);
        command.Options.Add(webhookSecret);
        command.Options.Add(duration);
        command.SetAction(async (parse, ct) =>
        {
            var accepted = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("HANGAR_EMULATOR_TOKEN");
            if (string.IsNullOrEmpty(accepted))
            {
                Console.Error.WriteLine("hangar: the emulator needs a token (--token or $HANGAR_EMULATOR_TOKEN)");
                return ExitCodes.Invalid;
            }

            Uri? hook = null;
            if (parse.GetValue(webhookUrl) is { } raw && !Uri.TryCreate(raw, UriKind.Absolute, out hook))
            {
                Console.Error.WriteLine($"hangar: --webhook-url is not an absolute URL: {raw}");
                return ExitCodes.Invalid;
            }

            EmulatorHost emulator;
            try
            {
                emulator = await EmulatorHost.StartAsync(new EmulatorOptions
                {
                    Listen = parse.GetValue(listen)!,
                    Token = accepted,
                    WebhookUrl = hook,
                    WebhookSecret = parse.GetValue(webhookSecret) ?? Environment.GetEnvironmentVariable("HANGAR_EMULATOR_WEBHOOK_SECRET"),
                    DefaultJobDuration = TimeSpan.FromMilliseconds(parse.GetValue(duration)),
                }, ct);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException)
            {
                Console.Error.WriteLine($"hangar: {ex.Message}");
                return ExitCodes.StartupFailed;
            }

            await using (emulator)
            {
                Console.WriteLine($"emulator listening on {emulator.ApiUrl} (control API: {emulator.ApiUrl}_emulator/jobs)");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
