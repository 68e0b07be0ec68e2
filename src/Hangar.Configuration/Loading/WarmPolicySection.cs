using System.Globalization;
using Hangar.Core.Planning.Policies;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Loading;

/// <summary><c>pools.X.policy</c>: how many runners the pool keeps warm (docs/scheduling.md).</summary>
internal static class WarmPolicySection
{
    private static readonly string[] ScheduleKeys = ["type", "time_zone", "windows"];
    private static readonly string[] PredictiveKeys = ["type", "target_wait", "idle_budget", "boot_time", "lookahead", "coverage", "budget_window", "hold"];
    private static readonly string[] WindowKeys = ["name", "cron", "min_idle"];

    /// <summary>The pool's policy, <c>static</c> when absent; null after an error (reported).</summary>
    public static WarmPolicy? Read(MappingReader pool, int maxRunners)
    {
        if (!pool.IsPresent("policy"))
        {
            return StaticWarmPolicy.Instance;
        }

        if (pool.Node("policy") is YamlScalarNode { Value: "static" })
        {
            return StaticWarmPolicy.Instance;
        }

        // Which keys are allowed depends on the type, so the mapping is read with every policy's keys, then narrowed.
        var policy = pool.Mapping("policy", [.. ScheduleKeys.Union(PredictiveKeys)]);
        if (policy is null)
        {
            return null;
        }

        var type = policy.OneOf("type", true, "static", "schedule", "predictive");
        string[] allowed = type switch
        {
            "schedule" => ScheduleKeys,
            "predictive" => PredictiveKeys,
            _ => ["type"],
        };
        var stray = ScheduleKeys.Union(PredictiveKeys).Where(k => !allowed.Contains(k) && policy.IsPresent(k)).ToList();
        foreach (var key in stray)
        {
            policy.Context.Error(policy.KeyMark(key), $"{policy.At(key)}: not a setting of a {type ?? "policy without a type"} policy");
        }

        if (stray.Count > 0 || policy.HasUnknownKeys)
        {
            return null;
        }

        return type switch
        {
            "static" => StaticWarmPolicy.Instance,
            "schedule" => Schedule(policy, maxRunners),
            "predictive" => Predictive(policy),
            _ => null,
        };
    }

    private static ScheduleWarmPolicy? Schedule(MappingReader policy, int maxRunners)
    {
        var zone = TimeZoneOf(policy);
        var windows = new List<WarmWindow>();
        var sequence = policy.Sequence("windows", "windows ({cron: ..., min_idle: ...})");
        if (sequence is null)
        {
            policy.Missing("windows", "a schedule needs at least one window");
            return null;
        }

        var index = 0;
        var ok = true;
        foreach (var item in sequence)
        {
            var path = $"{policy.At("windows")}[{index}]";
            if (item is not YamlMappingNode mapping)
            {
                policy.Context.Error(item.Start, $"{path}: expected a window ({{cron: ..., min_idle: ...}}), got {YamlValues.Describe(item)}");
                ok = false;
                continue;
            }

            var window = new MappingReader(policy.Context, mapping, path, item.Start, WindowKeys);
            var cron = Cron(window);
            var minIdle = (int?)window.Integer("min_idle", min: 0, max: maxRunners, required: true);
            var name = window.String("name") ?? index.ToString(CultureInfo.InvariantCulture);
            if (cron is null || minIdle is null)
            {
                ok = false;
            }
            else
            {
                windows.Add(new WarmWindow(name, cron, minIdle.Value));
            }

            index++;
        }

        return ok && zone is not null ? new ScheduleWarmPolicy(zone, windows) : null;
    }

    private static PredictiveWarmPolicy Predictive(MappingReader policy)
    {
        var defaults = new PredictiveWarmPolicy();
        return new PredictiveWarmPolicy
        {
            TargetWait = policy.Duration("target_wait", allowZero: true) ?? defaults.TargetWait,
            IdleBudget = Share(policy, "idle_budget") ?? defaults.IdleBudget,
            BootTime = policy.Duration("boot_time") ?? defaults.BootTime,
            Lookahead = policy.Duration("lookahead", allowZero: true) ?? defaults.Lookahead,
            Coverage = Share(policy, "coverage") ?? defaults.Coverage,
            BudgetWindow = policy.Duration("budget_window") ?? defaults.BudgetWindow,
            Hold = policy.Duration("hold", allowZero: true) ?? defaults.Hold,
        };
    }

    private static TimeZoneInfo? TimeZoneOf(MappingReader policy)
    {
        var id = policy.String("time_zone") ?? "UTC";
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        policy.Context.Error(policy.Node("time_zone")!.Start, $"{policy.At("time_zone")}: unknown time zone '{id}' (an IANA name such as Europe/Berlin)");
        return null;
    }

    private static CronSchedule? Cron(MappingReader window)
    {
        if (window.String("cron", required: true) is not { } text)
        {
            return null;
        }

        if (CronSchedule.TryParse(text, out var cron, out var error))
        {
            return cron;
        }

        window.Context.Error(window.Node("cron")!.Start, $"{window.At("cron")}: '{text}': {error}");
        return null;
    }

    /// <summary>A share written <c>15%</c> or <c>0.15</c>, from 0 to 1.</summary>
    private static double? Share(MappingReader policy, string key)
    {
        if (policy.String(key) is not { } text)
        {
            return null;
        }

        if (ShareParser.TryParse(text, out var share))
        {
            return share;
        }

        policy.Context.Error(policy.Node(key)!.Start, $"{policy.At(key)}: expected a share such as 15% or 0.15 (0 to 1), got '{text}'");
        return null;
    }
}
