using System.CommandLine;
using System.Globalization;
using Hangar.Cli.Traces;
using Hangar.Configuration;
using Hangar.Configuration.Loading;
using Hangar.Server.Composition;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar trace export|generate</c>: the workload Hangar stored, or a synthetic one, as a trace (JSON Lines) for
/// <c>hangar simulate</c> (docs/scheduling.md).
/// </summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var trace = new Command("trace", "Workload traces for hangar simulate: export the stored history, or generate one.");
        trace.Subcommands.Add(Export());
        trace.Subcommands.Add(Generate());
        return trace;
    }

    private static Command Export()
    {
        var config = new Option<string>("--config", "-c") { Description = "The configuration file (YAML): the store to read.", Required = true };
        var since = new Option<string>("--since") { Description = "How far back: a duration (7d, 12h) or a UTC time (2026-11-20T00:00:00Z). Default 8d.", DefaultValueFactory = _ => "8d" };
        var output = OutputFileOption();
        var command = new Command("export", "Write the stored jobs (pool, labels, queued, started, completed) and instances (created, online, deleted) as a trace.");
        command.Options.Add(config);
        command.Options.Add(since);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            if (await ConfigFile.LoadAsync(parse.GetValue(config)!) is not { } loaded)
            {
                return ExitCodes.Invalid;
            }

            if (!TrySince(parse.GetValue(since)!, TimeProvider.System.GetUtcNow(), out var from))
            {
                await Console.Error.WriteLineAsync($"hangar trace export: --since '{parse.GetValue(since)}' is neither a duration nor a time");
                return ExitCodes.Invalid;
            }

            try
            {
                await using var reader = StoreReader.Open(loaded);
                await using var writer = OpenOutput(parse.GetValue(output));
                await TraceFile.WriteAsync(writer, new TraceExport(reader.Store).ReadAsync(from, ct), ct);
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or SecretNotFoundException or System.Data.Common.DbException)
            {
                await Console.Error.WriteLineAsync($"hangar trace export: {ex.Message}");
                return ExitCodes.Unavailable;
            }
        });
        return command;
    }

    private static Command Generate()
    {
        var profile = new Option<string>("--profile") { Description = $"The workload's shape: {string.Join(", ", TraceProfile.Names)}.", Required = true };
        profile.AcceptOnlyFromAmong(TraceProfile.Names);
        var seed = new Option<int>("--seed") { Description = "The random seed: the same seed gives the same trace.", DefaultValueFactory = _ => 1 };
        var days = new Option<int>("--days") { Description = "How many days to generate.", DefaultValueFactory = _ => 14 };
        days.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 366)
            {
                r.AddError("--days must be 1 to 366");
            }
        });
        var start = new Option<string>("--start") { Description = "The first day (UTC midnight), default 2026-01-05 (a Monday).", DefaultValueFactory = _ => "2026-01-05" };
        var pool = new Option<string>("--pool") { Description = "The pool the jobs are for.", DefaultValueFactory = _ => "linux" };
        var labels = new Option<string>("--labels") { Description = "The jobs' labels, comma-separated.", DefaultValueFactory = _ => "self-hosted,linux" };
        var scale = new Option<double>("--scale") { Description = "Multiplies the profile's push rates (1: one team; 10: ten teams' pushes).", DefaultValueFactory = _ => 1 };
        scale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 1000)
            {
                r.AddError("--scale must be above 0 and at most 1000");
            }
        });
        var output = OutputFileOption();
        var command = new Command("generate", "Write a seeded synthetic trace: pushes fanning out into matrices, office hours, nightly batches, quiet weekends.");
        foreach (var option in new Option[] { profile, seed, days, start, pool, labels, scale, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            if (!DateTimeOffset.TryParse(parse.GetValue(start), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var first))
            {
                await Console.Error.WriteLineAsync($"hangar trace generate: --start '{parse.GetValue(start)}' is not a date");
                return ExitCodes.Invalid;
            }

            var jobs = TraceGenerator.Generate(
                TraceProfile.Named(parse.GetValue(profile)!),
                parse.GetValue(seed),
                first,
                TimeSpan.FromDays(parse.GetValue(days)),
                parse.GetValue(pool)!,
                parse.GetValue(labels)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parse.GetValue(scale));
            await using var writer = OpenOutput(parse.GetValue(output));
            TraceFile.Write(writer, jobs);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> OutputFileOption() =>
        new("--output", "-o") { Description = "Write the trace to this file instead of standard output." };

    private static TextWriter OpenOutput(string? path) =>
        path is null ? new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false } : new StreamWriter(path);

    /// <summary>A duration back from <paramref name="now"/>, or an absolute time.</summary>
    internal static bool TrySince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        if (DurationParser.TryParse(text, out var back))
        {
            since = now - back;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since);
    }
}
