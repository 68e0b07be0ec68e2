using System.Globalization;
using System.Text.Json;
using Hangar.Cli.Api;
using Hangar.Cli.Output;
using Spectre.Console;

namespace Hangar.Cli.Commands;

/// <summary>What <c>hangar status</c> draws as a table: a summary line, the pools, then one section per concern.</summary>
internal sealed record StatusScreen(
    Uri Server, IReadOnlyList<JsonElement> Pools, IReadOnlyList<JsonElement> Queued, IReadOnlyList<JsonElement> Unroutable,
    IReadOnlyList<JsonElement> Failed, int Top, DateTimeOffset Now)
{
    /// <summary>Phases shown even when no pool has a runner in them; the others only when some pool does.</summary>
    private static readonly string[] Phases = ["pending", "provisioning", "booting", "idle", "busy", "draining", "deleting", "failed"];
    private static readonly string[] AlwaysShown = ["idle", "busy"];

    public void Write(IAnsiConsole console)
    {
        var runners = Phases.ToDictionary(p => p, p => Pools.Sum(pool => Count(pool, p)));
        var oldest = Queued.Count > 0 && Cells.Time(Queued[^1], "queued_at") is { } at ? $" (oldest {Ages.Short(Now - at)})" : "";
        console.MarkupLine($"[bold]Hangar[/] at {Markup.Escape(ApiFailure.Origin(Server))}: {Pools.Count} pools, "
            + $"{runners.Values.Sum()} runners ({string.Join(", ", runners.Where(r => r.Value > 0).Select(r => $"{r.Value} {r.Key}"))}), "
            + $"{Queued.Count} queued{oldest}, {Unroutable.Count} unroutable");
        console.WriteLine();
        WritePools(console, runners);
        Section(console, $"Queue ({Queued.Count})", Queued.Count, () => QueueTable.Create(Queued, Now, Top));
        Section(console, $"Unroutable ({Unroutable.Count})", Unroutable.Count, () => QueueTable.Create(Unroutable, Now, Top, reason: true));
        Section(console, "Failures (latest runners with an error)", Failed.Count, FailureTable);
    }

    private void WritePools(IAnsiConsole console, Dictionary<string, int> runners)
    {
        if (Pools.Count == 0)
        {
            console.WriteLine("no pools");
            return;
        }

        var phases = Phases.Where(p => AlwaysShown.Contains(p) || runners[p] > 0).ToArray();
        var table = Cells.Table(["pool", "provider", "min/max", "queued", .. phases, "state"]);
        foreach (var pool in Pools)
        {
            var state = Cells.Text(pool, "state");
            var condition = state == "ok" ? Styles.State(state) : $"{Styles.State(state)}: {Styles.Error(Cells.Text(pool, "last_error"))}";
            if (pool.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False)
            {
                condition = "[grey]disabled[/] " + condition;
            }

            table.AddRow([
                Markup.Escape(Cells.Text(pool, "name")), Markup.Escape(Cells.Text(pool, "provider")),
                $"{Cells.Text(pool, "min_idle")}/{Cells.Text(pool, "max_runners")}", Cells.Text(pool, "queued_jobs"),
                .. phases.Select(p => Count(pool, p) is var n and > 0 ? (p == "failed" ? $"[red]{n}[/]" : n.ToString(CultureInfo.InvariantCulture)) : "[grey]0[/]"),
                condition,
            ]);
        }

        console.Write(table);
    }

    private void Section(IAnsiConsole console, string title, int count, Func<Table> table)
    {
        console.Write(new Rule(Markup.Escape(title)).LeftJustified());
        if (count == 0)
        {
            console.MarkupLine("[grey]none[/]");
            return;
        }

        console.Write(table());
        if (count > Top)
        {
            console.MarkupLine($"[grey]… and {count - Top} more[/]");
        }
    }

    private Table FailureTable()
    {
        var table = Cells.Table("when", "runner", "pool", "state", "last_error");
        foreach (var runner in Failed.Take(Top))
        {
            table.AddRow(Ages.Since(Cells.Time(runner, "state_changed_at"), Now) + " ago", Markup.Escape(Cells.Text(runner, "name")),
                Markup.Escape(Cells.Text(runner, "pool")), Styles.State(Cells.Text(runner, "state")), Styles.Error(Cells.Text(runner, "last_error")));
        }

        return table;
    }

    private static int Count(JsonElement pool, string phase) =>
        pool.TryGetProperty("runners", out var byPhase) && byPhase.ValueKind == JsonValueKind.Object ? Cells.Int(byPhase, phase) : 0;
}
