using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hangar.Cli.Simulation;

/// <summary>The figures of every policy side by side, as a table or JSON; the best <c>static</c> setting marked.</summary>
internal static class SimulationReport
{
    /// <summary>
    /// The best static setting: the one with the fewest idle runner-minutes among those whose p95 wait is within the
    /// boot time, else the one with the shortest p95 wait.
    /// </summary>
    public static SimulationRun? BestStatic(IReadOnlyList<SimulationRun> runs, TimeSpan boot)
    {
        var statics = runs.Where(r => PolicyVariants.IsStatic(r.Policy)).ToList();
        return statics.Where(r => r.Overall.WaitPercentile(95) <= boot.TotalSeconds).MinBy(r => r.Overall.IdleMinutes)
            ?? statics.MinBy(r => (r.Overall.WaitPercentile(95), r.Overall.IdleMinutes));
    }

    public static string Table(IReadOnlyList<SimulationRun> runs, SimulationRun? best, double? pricePerMinute)
    {
        var pools = runs.Count > 0 && runs[0].Pools.Count > 1;
        var header = new List<string> { "policy" };
        if (pools)
        {
            header.Add("pool");
        }

        header.AddRange(["jobs", "wait p50", "p95", "p99", "runner-min", "idle-min", "idle %", "runners"]);
        if (pricePerMinute is not null)
        {
            header.Add("cost");
        }

        var rows = new List<List<string>> { header };
        foreach (var run in runs)
        {
            var label = run == best ? run.Policy + " (best static)" : run.Policy;
            if (pools)
            {
                foreach (var (name, figures) in run.Pools.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    rows.Add(Row(label, name, figures, pricePerMinute));
                }
            }

            rows.Add(Row(label, pools ? "(all)" : null, run.Overall, pricePerMinute));
        }

        var widths = Enumerable.Range(0, header.Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c < (pools ? 2 : 1) ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        return text.ToString();
    }

    public static string Json(IReadOnlyList<SimulationRun> runs, SimulationRun? best, double? pricePerMinute)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var run in runs)
            {
                json.WriteStartObject();
                json.WriteString("policy", run.Policy);
                json.WriteBoolean("best_static", run == best);
                json.WriteNumber("elapsed_ms", Math.Round(run.Elapsed.TotalMilliseconds));
                json.WritePropertyName("overall");
                Figures(json, run.Overall, pricePerMinute);
                json.WriteStartObject("pools");
                foreach (var (name, figures) in run.Pools.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(name);
                    Figures(json, figures, pricePerMinute);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Figures(Utf8JsonWriter json, PoolFigures f, double? price)
    {
        json.WriteStartObject();
        json.WriteNumber("jobs", f.Jobs);
        json.WriteNumber("unserved", f.Unserved);
        json.WriteNumber("wait_p50_s", Math.Round(f.WaitPercentile(50), 2));
        json.WriteNumber("wait_p95_s", Math.Round(f.WaitPercentile(95), 2));
        json.WriteNumber("wait_p99_s", Math.Round(f.WaitPercentile(99), 2));
        json.WriteNumber("runner_minutes", Math.Round(f.RunnerMinutes, 2));
        json.WriteNumber("boot_minutes", Math.Round(f.BootMinutes, 2));
        json.WriteNumber("idle_minutes", Math.Round(f.IdleMinutes, 2));
        json.WriteNumber("busy_minutes", Math.Round(f.BusyMinutes, 2));
        json.WriteNumber("idle_share", Math.Round(f.IdleShare, 4));
        json.WriteNumber("runners", f.Runners);
        if (price is { } p)
        {
            json.WriteNumber("cost", Math.Round(f.RunnerMinutes * p, 2));
        }

        json.WriteEndObject();
    }

    private static List<string> Row(string policy, string? pool, PoolFigures f, double? price)
    {
        var row = new List<string> { policy };
        if (pool is not null)
        {
            row.Add(pool);
        }

        row.AddRange(
        [
            Inv($"{f.Jobs}"), Inv($"{f.WaitPercentile(50):0.0}s"), Inv($"{f.WaitPercentile(95):0.0}s"), Inv($"{f.WaitPercentile(99):0.0}s"),
            Inv($"{f.RunnerMinutes:0}"), Inv($"{f.IdleMinutes:0}"), Inv($"{f.IdleShare * 100:0.0}"), Inv($"{f.Runners}"),
        ]);
        if (price is { } p)
        {
            row.Add(Inv($"{f.RunnerMinutes * p:0.00}"));
        }

        return row;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
