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

    public static string Table(IReadOnlyList<SimulationRun> runs, SimulationRun? best, double? pricePerMinute, TimeSpan coldStart)
    {
        var pools = runs.Count > 0 && runs[0].Pools.Count > 1;
        var header = new List<string> { "policy" };
        if (pools)
        {
            header.Add("pool");
        }

        header.AddRange(["jobs", "wait p50", "p95", "p99", "cold %", "runner-min", "idle-min", "idle %", "runners"]);
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
                    rows.Add(Row(label, name, figures, pricePerMinute, coldStart));
                }
            }

            rows.Add(Row(label, pools ? "(all)" : null, run.Overall, pricePerMinute, coldStart));
        }

        return Aligned(rows, pools ? 2 : 1);
    }

    /// <summary>Per policy, the jobs, cold-start share and idle runner-minutes in calm and busy spells of the <c>random</c>
    /// profile; empty when no run was given its spells.</summary>
    public static string SpellTable(IReadOnlyList<SimulationRun> runs)
    {
        var rows = new List<List<string>> { new() { "by spell", "calm jobs", "cold %", "idle-min", "busy jobs", "cold %", "idle-min" } };
        foreach (var run in runs.Where(r => r.Spells is not null))
        {
            var (calm, busy) = (run.Spells!.Calm, run.Spells.Busy);
            rows.Add([run.Policy, Inv($"{calm.Jobs}"), Inv($"{calm.ColdShare * 100:0.00}"), Inv($"{calm.IdleMinutes:0}"),
                Inv($"{busy.Jobs}"), Inv($"{busy.ColdShare * 100:0.00}"), Inv($"{busy.IdleMinutes:0}")]);
        }

        return rows.Count == 1 ? "" : Aligned(rows, 1);
    }

    private static string Aligned(List<List<string>> rows, int leftColumns)
    {
        var widths = Enumerable.Range(0, rows[0].Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c < leftColumns ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        return text.ToString();
    }

    public static string Json(IReadOnlyList<SimulationRun> runs, SimulationRun? best, double? pricePerMinute, TimeSpan coldStart)
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
                Figures(json, run.Overall, pricePerMinute, coldStart);
                json.WriteStartObject("pools");
                foreach (var (name, figures) in run.Pools.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(name);
                    Figures(json, figures, pricePerMinute, coldStart);
                }

                json.WriteEndObject();
                if (run.Spells is { } spells)
                {
                    json.WriteStartObject("spells");
                    Spell(json, "calm", spells.Calm);
                    Spell(json, "busy", spells.Busy);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Spell(Utf8JsonWriter json, string name, SpellShare spell)
    {
        json.WriteStartObject(name);
        json.WriteNumber("jobs", spell.Jobs);
        json.WriteNumber("cold_starts", spell.ColdStarts);
        json.WriteNumber("idle_minutes", Math.Round(spell.IdleMinutes, 2));
        json.WriteEndObject();
    }

    private static void Figures(Utf8JsonWriter json, PoolFigures f, double? price, TimeSpan coldStart)
    {
        json.WriteStartObject();
        json.WriteNumber("jobs", f.Jobs);
        json.WriteNumber("unserved", f.Unserved);
        json.WriteNumber("wait_p50_s", Math.Round(f.WaitPercentile(50), 2));
        json.WriteNumber("wait_p95_s", Math.Round(f.WaitPercentile(95), 2));
        json.WriteNumber("wait_p99_s", Math.Round(f.WaitPercentile(99), 2));
        json.WriteNumber("cold_start_share", Math.Round(f.ShareWaitingAtLeast(coldStart.TotalSeconds), 4));
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

    private static List<string> Row(string policy, string? pool, PoolFigures f, double? price, TimeSpan coldStart)
    {
        var row = new List<string> { policy };
        if (pool is not null)
        {
            row.Add(pool);
        }

        row.AddRange(
        [
            Inv($"{f.Jobs}"), Inv($"{f.WaitPercentile(50):0.0}s"), Inv($"{f.WaitPercentile(95):0.0}s"), Inv($"{f.WaitPercentile(99):0.0}s"),
            Inv($"{f.ShareWaitingAtLeast(coldStart.TotalSeconds) * 100:0.00}"),
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
