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
            var json = parse.GetValue(output) == "json";
            void Say(string line)
            {
                // Progress goes to stderr in JSON mode so stdout stays one parseable document.
                (json ? Console.Error : Console.Out).WriteLine($"demo: {line}");
            }

            var count = parse.GetValue(jobs);
            if (count < 1)
            {
                Console.Error.WriteLine("hangar: --jobs must be at least 1");
                return ExitCodes.Invalid;
            }

            var chosen = parse.GetValue(provider)!;
            if (chosen != "process")
            {
                var why = await DemoProviders.DockerUnavailableReasonAsync(DemoProviders.RunnerImage, Say, ct);
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
                    Say($"using the process provider: {why}");
                    chosen = "process";
                }
            }

            if (chosen == "process" && await DemoProviders.RunnerUnavailableReasonAsync(Say, ct) is { } missing)
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
                var result = await new GiteaDemoScenario(demoOptions, flavor, Say).RunAsync(ct);
                Console.WriteLine(json ? JsonSerializer.Serialize(result, Json) : $"{result.Forge}: jobs {result.JobsCompleted}/{result.JobsQueued}, wrong runner {result.WrongRunner}, "
                    + $"machines left {result.MachinesLeft}, runner rows left {result.RegistrationsLeft}, {result.ElapsedSeconds} s: {(result.Success ? "ok" : "FAILED")}");
                return result.Success ? ExitCodes.Ok : ExitCodes.Invalid;
            }

            var scenario = new DemoScenario(demoOptions, Say);
            var summary = (await scenario.RunAsync(ct)).Summary;
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(summary, Json));
            }
            else
            {
                Print(summary);
            }

            return summary.Success ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return command;
    }

    private static void Print(DemoSummary s)
    {
        Console.WriteLine();
        Console.WriteLine($"provider            {s.Provider}");
        Console.WriteLine($"jobs                {s.JobsCompleted}/{s.JobsQueued} completed{(s.TimedOut ? " (timed out)" : "")}");
        Console.WriteLine($"runners             {s.RunnersCreated} created, {s.RunnersDeleted} deleted");
        Console.WriteLine($"leaked              {s.Leaked}");
        Console.WriteLine($"wrong pool          {s.WrongPool}");
        Console.WriteLine($"runner reuse        {s.RunnersWithSeveralJobs}");
        Console.WriteLine($"queue→start latency p50 {s.LatencyP50Ms} ms, p99 {s.LatencyP99Ms} ms");
        Console.WriteLine($"elapsed             {s.ElapsedSeconds} s");
        Console.WriteLine(s.Success ? "result              ok" : "result              FAILED");
    }
}
