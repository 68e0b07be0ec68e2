using System.CommandLine;
using System.Text.Json;
using Hangar.Cli.Api;
using Hangar.Cli.Demo;
using Hangar.Emulator.Gitea;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar demo</c>: the real server, a local GitHub emulator and real runners, end to end.</summary>
internal static class DemoCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create()
    {
        var jobs = new Option<int>("--jobs", "-n") { Description = "How many jobs to queue (split over two pools).", DefaultValueFactory = _ => 20 };
        var provider = new Option<string>("--provider") { Description = "docker, process, or auto (Docker when an engine answers).", DefaultValueFactory = _ => "auto" };
        provider.AcceptOnlyFromAmong("auto", "docker", "process");
        var mode = new Option<string>("--mode") { Description = "webhook, or scaleset (GitHub's runner scale-set listener; no webhook).", DefaultValueFactory = _ => "webhook" };
        mode.AcceptOnlyFromAmong("webhook", "scaleset");
        var timeout = new Option<int>("--timeout") { Description = "Give up after this many seconds.", DefaultValueFactory = _ => 300 };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show the server's log." };
        var output = OutputFormat.CreateOption();
        var forge = new Option<string>("--forge") { Description = "github, gitea (1.25, webhooks), forgejo (15, polling) or forgejo-11.", DefaultValueFactory = _ => "github" };
        forge.AcceptOnlyFromAmong("github", "gitea", "forgejo", "forgejo-11");

        var command = new Command("demo", "Run Hangar end to end against a local GitHub emulator and print a summary.");
        command.Options.Add(jobs);
        command.Options.Add(provider);
        command.Options.Add(mode);
        command.Options.Add(timeout);
        command.Options.Add(verbose);
        command.Options.Add(output);
        command.Options.Add(forge);
        command.SetAction(async (parse, ct) =>
        {
            var json = parse.GetValue(output) == OutputFormat.Json;
            var display = DemoDisplay.For(json);
            var count = parse.GetValue(jobs);
            if (count < 1)
            {
                Console.Error.WriteLine("hangar: --jobs must be at least 1");
                return ExitCodes.Invalid;
            }

            var chosen = parse.GetValue(provider)!;
            if (chosen != "process")
            {
                var why = await DemoProviders.DockerUnavailableReasonAsync(DemoProviders.RunnerImage, display.Say, ct);
                if (why is null)
                {
                    chosen = "docker";
                }
                else if (chosen == "docker")
                {
                    Console.Error.WriteLine($"hangar: cannot use Docker: {why}");
                    return ExitCodes.Invalid;
                }
                else
                {
                    display.Say($"using the process provider: {why}");
                    chosen = "process";
                }
            }

            if (chosen == "process" && await DemoProviders.RunnerUnavailableReasonAsync(display.Say, ct) is { } missing)
            {
                Console.Error.WriteLine($"hangar: cannot use the process provider: {missing}");
                return ExitCodes.Invalid;
            }

            var demoOptions = new DemoOptions
            {
                Jobs = count,
                Provider = chosen,
                Mode = parse.GetValue(mode)!,
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Verbose = parse.GetValue(verbose),
            };
            if (parse.GetValue(forge) is { } forgeType && forgeType != "github")
            {
                var flavor = forgeType switch { "gitea" => GiteaFlavor.Gitea, "forgejo" => GiteaFlavor.Forgejo15, _ => GiteaFlavor.Forgejo11 };
                var result = await display.RunAsync((say, progress) => new GiteaDemoScenario(demoOptions with { Progress = progress }, flavor, say).RunAsync(ct));
                if (json)
                {
                    Console.WriteLine(JsonSerializer.Serialize(result, Json));
                }
                else
                {
                    DemoDisplay.WriteSummary(Rows(result), result.Success);
                }

                return result.Success ? ExitCodes.Ok : ExitCodes.Invalid;
            }

            var outcome = await display.RunAsync((say, progress) => new DemoScenario(demoOptions with { Progress = progress }, say).RunAsync(ct));
            var summary = outcome.Summary;
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(summary, Json));
            }
            else
            {
                DemoDisplay.WriteSummary(Rows(summary), summary.Success);
            }

            return summary.Success ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return command;
    }

    private static IEnumerable<(string, string)> Rows(DemoSummary s) =>
    [
        ("provider", s.Provider),
        ("jobs", $"{s.JobsCompleted}/{s.JobsQueued} completed{(s.TimedOut ? " (timed out)" : "")}"),
        ("jobs completed in the store", $"{s.JobsCompletedInStore}"),
        ("runners", $"{s.RunnersCreated} created, {s.RunnersDeleted} deleted"),
        ("leaked", $"{s.Leaked}"),
        ("wrong pool", $"{s.WrongPool}"),
        ("runners with several jobs", $"{s.RunnersWithSeveralJobs}"),
        ("queue → start p50 / p99", $"{s.LatencyP50Ms} ms / {s.LatencyP99Ms} ms"),
        ("elapsed", $"{s.ElapsedSeconds} s"),
    ];

    private static IEnumerable<(string, string)> Rows(GiteaDemoSummary s) =>
    [
        ("forge", s.Forge),
        ("provider", s.Provider),
        ("jobs", $"{s.JobsCompleted}/{s.JobsQueued} completed{(s.TimedOut ? " (timed out)" : "")}"),
        ("wrong runner", $"{s.WrongRunner}"),
        ("machines left", $"{s.MachinesLeft}"),
        ("runner rows left", $"{s.RegistrationsLeft}"),
        ("elapsed", $"{s.ElapsedSeconds} s"),
    ];
}
