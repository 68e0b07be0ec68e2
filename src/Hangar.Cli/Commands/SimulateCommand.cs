using System.CommandLine;
using System.Globalization;
using Hangar.Cli.Api;
using Hangar.Cli.Simulation;
using Hangar.Cli.Traces;
using Hangar.Configuration;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar simulate --config FILE --trace FILE [--policy …]</c>: replays a trace through the planner <c>serve</c> runs,
/// on a simulated clock, once per policy, and prints queue waits and runner-minutes side by side (docs/scheduling.md).
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config", "-c") { Description = "The configuration file (YAML): its pools and converge interval.", Required = true };
        var trace = new Option<string>("--trace") { Description = "The trace (hangar trace export or generate).", Required = true };
        var policies = new Option<string[]>("--policy")
        {
            Description = "A policy to compare (repeatable): config, static (a search over min_idle), static:N, predictive, predictive:coverage=57%,idle_budget=100% (settings changed), oracle:CALM/BUSY (a bound: a level per hidden spell, with --spells). Default: all of config, static and predictive.",
            AllowMultipleArgumentsPerToken = true,
        };
        var seed = new Option<int>("--seed") { Description = "The seed of the boot-time draws: the same seed gives the same figures.", DefaultValueFactory = _ => 1 };
        var boot = new Option<string?>("--boot-time") { Description = "Boot times: 30s, or 20s..45s (uniform). Default: the trace's own instances, else 30s." };
        var pickup = new Option<string>("--pickup") { Description = "From a runner online (or a job queued for an idle one) to the job started: the forge's assignment.", DefaultValueFactory = _ => "1s" };
        var staticMax = new Option<int>("--static-max") { Description = "The largest min_idle the static search tries.", DefaultValueFactory = _ => 10 };
        var price = new Option<double?>("--price-per-minute") { Description = "The price of a runner-minute: adds a cost column." };
        var plot = new Option<string?>("--plot") { Description = "Write an SVG plot (demand, supply by phase, queue wait) to this file." };
        var spells = new Option<int?>("--spells")
        {
            Description = "The seed of a 'trace generate --profile random' trace (generated from its default --start): adds figures per calm and busy spell.",
        };
        var plotPolicy = new Option<string?>("--plot-policy") { Description = "The policy the plot shows (default: predictive when compared, else the first)." };
        var output = OutputFormat.CreateOption();
        var command = new Command("simulate", "Replay a trace through the planner with each policy and compare queue waits and runner-minutes.");
        foreach (var option in new Option[] { config, trace, policies, seed, boot, pickup, staticMax, price, spells, plot, plotPolicy, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            if (await ConfigFile.LoadAsync(parse.GetValue(config)!) is not { } loaded)
            {
                return ExitCodes.Invalid;
            }

            List<TraceRecord> records;
            try
            {
                records = TraceFile.Read(parse.GetValue(trace)!);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"hangar simulate: {ex.Message}");
                return ExitCodes.Invalid;
            }

            if (!TryPickup(parse.GetValue(pickup)!, out var pickupTime) || !TryBoot(parse.GetValue(boot), records, out var bootTimes, out var defaultBoot))
            {
                await Console.Error.WriteLineAsync("hangar simulate: --boot-time takes 30s or 20s..45s, --pickup a duration");
                return ExitCodes.Invalid;
            }

            var pools = loaded.Engine.Pools;
            var requested = parse.GetValue(policies) is { Length: > 0 } given ? given : ["config", "static", "predictive"];
            if (!PolicyVariants.TryExpand(requested, pools, p => bootTimes.TryGetValue(p, out var b) ? b.Median : defaultBoot.Median, parse.GetValue(staticMax), out var variants, out var policyError))
            {
                await Console.Error.WriteLineAsync($"hangar simulate: {policyError}");
                return ExitCodes.Invalid;
            }

            var phases = MachinePhases.FromTrace(records);
            var medianBoot = bootTimes.Count > 0 ? bootTimes.Values.First().Median : defaultBoot.Median;
            var randomSpells = parse.GetValue(spells) is { } spellSeed ? SpellsOf(spellSeed, records) : null;
            if (randomSpells is null && variants.Any(v => v.Oracle is not null))
            {
                await Console.Error.WriteLineAsync("hangar simulate: oracle:CALM/BUSY reads the random profile's hidden spells; give --spells SEED (the trace's seed)");
                return ExitCodes.Invalid;
            }

            var runs = new List<SimulationRun>();
            foreach (var (label, variant, oracle) in variants)
            {
                var setup = new SimulationSetup
                {
                    Pools = variant,
                    Boot = bootTimes,
                    DefaultBoot = defaultBoot,
                    Phases = parse.GetValue(boot) is null ? phases : new Dictionary<string, MachinePhases>(),
                    ProviderConcurrency = loaded.Engine.ProviderConcurrency,
                    ConvergeInterval = loaded.Engine.ConvergeInterval,
                    Pickup = pickupTime,
                    Seed = parse.GetValue(seed),
                    Spells = randomSpells,
                    Oracle = oracle,
                    ColdStart = medianBoot,
                };
                runs.Add(Simulator.Run(setup, label, records));
            }

            var best = SimulationReport.BestStatic(runs, medianBoot);
            var perMinute = parse.GetValue(price);
            if (parse.GetValue(output) == "json")
            {
                Console.WriteLine(SimulationReport.Json(runs, best, perMinute, medianBoot));
            }
            else
            {
                var jobs = records.Count(r => r.Kind == TraceRecord.JobKind);
                var seconds = runs.Sum(r => r.Elapsed.TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{jobs} jobs, boot {(bootTimes.Count > 0 ? string.Join(", ", bootTimes.Select(b => $"{b.Key}: {(phases.TryGetValue(b.Key, out var measured) && parse.GetValue(boot) is null ? measured : b.Value)}")) : defaultBoot.ToString())}; {runs.Count} replays in {seconds:0.0}s ({jobs * runs.Count / Math.Max(seconds, 1e-3):0} jobs/s)"));
                Console.Write(SimulationReport.Table(runs, best, perMinute, medianBoot));
                Console.Write(SimulationReport.SpellTable(runs));
            }

            if (parse.GetValue(plot) is { } plotPath)
            {
                var shown = parse.GetValue(plotPolicy) is { } wanted ? runs.FirstOrDefault(r => r.Policy == wanted)
                    : runs.FirstOrDefault(r => r.Policy == "predictive") ?? runs.FirstOrDefault();
                if (shown is null)
                {
                    await Console.Error.WriteLineAsync($"hangar simulate: --plot-policy '{parse.GetValue(plotPolicy)}' was not simulated");
                    return ExitCodes.Invalid;
                }

                await File.WriteAllTextAsync(plotPath, SvgPlot.Render(shown, $"{Path.GetFileName(parse.GetValue(trace))}: {shown.Policy}"), ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The busy spells <c>trace generate --profile random --seed <paramref name="seed"/></c> drew: from the
    /// generator's default start (2026-01-05), past the trace's last job.</summary>
    private static RandomProfile SpellsOf(int seed, List<TraceRecord> records)
    {
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var last = records.Where(r => r.QueueInstant is not null).Select(r => r.QueueInstant!.Value).DefaultIfEmpty(start).Max();
        var profile = new RandomProfile();
        profile.Begin(seed, start, last - start + TimeSpan.FromDays(1));
        return profile;
    }

    private static bool TryPickup(string text, out TimeSpan pickup) => Configuration.Loading.DurationParser.TryParse(text, out pickup) || text == "0";

    /// <summary>Per pool, the boot times of the trace's instances; <paramref name="given"/> overrides them all.</summary>
    private static bool TryBoot(string? given, List<TraceRecord> records, out Dictionary<string, BootTimes> perPool, out BootTimes fallback)
    {
        perPool = [];
        fallback = BootTimes.Uniform(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        if (given is not null)
        {
            if (!BootTimes.TryParse(given, out var parsed))
            {
                return false;
            }

            fallback = parsed!;
            return true;
        }

        foreach (var pool in records.Where(r => r.Kind == TraceRecord.InstanceKind && r.Pool is not null && r.BootTime is not null).GroupBy(r => r.Pool!))
        {
            perPool[pool.Key] = BootTimes.Observed([.. pool.Select(r => r.BootTime!.Value)]);
        }

        return true;
    }
}
