using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar pools enable|disable|scale|reset NAME</c>: change a pool at run time (needs an admin token). The change is an
/// override stored by the server: every replica applies it, it outlives restarts, and it wins over the configuration file,
/// also after a reload, until <c>reset</c> clears it. Each prints the settings in effect and the file's values behind them.
/// </summary>
internal static class PoolsWriteCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Simple("enable", "Let the pool make runners again (overrides the file's enabled).", "enable");
        yield return Simple("disable", "Make no new runners for the pool; live ones finish their jobs.", "disable");
        yield return Scale();
        var name = PoolName();
        yield return WriteCommand.Create(
            "reset", "Clear the pool's run-time overrides: the configuration file's values apply again.", [name],
            (parse, http, ct) => http.DeleteAsync($"api/v1/pools/{Uri.EscapeDataString(parse.GetValue(name)!)}/overrides", ct), Describe);
    }

    private static Command Simple(string verb, string description, string path)
    {
        var name = PoolName();
        return WriteCommand.Create(
            verb, description, [name],
            (parse, http, ct) => http.PostAsync($"api/v1/pools/{Uri.EscapeDataString(parse.GetValue(name)!)}/{path}", content: null, ct), Describe);
    }

    private static Command Scale()
    {
        var name = PoolName();
        var min = new Option<int?>("--min") { Description = "Idle runners to keep ready (min_idle)." };
        var max = new Option<int?>("--max") { Description = "Most runners the pool may have (max_runners)." };
        var command = WriteCommand.Create(
            "scale", "Change the pool's min_idle and/or max_runners at run time.", [name, min, max],
            (parse, http, ct) => http.PostAsJsonAsync(
                $"api/v1/pools/{Uri.EscapeDataString(parse.GetValue(name)!)}/scale",
                new Dictionary<string, int?> { ["min_idle"] = parse.GetValue(min), ["max_runners"] = parse.GetValue(max) },
                ct),
            Describe);
        command.Validators.Add(r =>
        {
            if (r.GetValue(min) is null && r.GetValue(max) is null)
            {
                r.AddError("give --min, --max or both");
            }
            else if (r.GetValue(min) is < 0 || r.GetValue(max) is < 0)
            {
                r.AddError("--min and --max cannot be negative");
            }
        });
        return command;
    }

    private static Argument<string> PoolName() => new("name") { Description = "The pool's name (see hangar pools list)." };

    private static string Describe(JsonElement pool)
    {
        var line = $"pool {WriteCommand.Text(pool, "pool")}: enabled={WriteCommand.Text(pool, "enabled").ToLowerInvariant()} "
            + $"min_idle={WriteCommand.Text(pool, "min_idle")} max_runners={WriteCommand.Text(pool, "max_runners")}";
        if (!pool.TryGetProperty("overrides", out var o) || o.ValueKind == JsonValueKind.Null)
        {
            return line + " (from the configuration file; no overrides)";
        }

        var set = new[] { ("enabled", "configured_enabled"), ("min_idle", "configured_min_idle"), ("max_runners", "configured_max_runners") }
            .Where(k => o.TryGetProperty(k.Item1, out var v) && v.ValueKind != JsonValueKind.Null)
            .Select(k => $"{k.Item1} (file: {WriteCommand.Text(o, k.Item2).ToLowerInvariant()})");
        return line + $"\n  overridden by {WriteCommand.Text(o, "set_by")} at {WriteCommand.Text(o, "set_at")}: {string.Join(", ", set)}"
            + "\n  overrides win over the configuration file until 'hangar pools reset'";
    }
}
