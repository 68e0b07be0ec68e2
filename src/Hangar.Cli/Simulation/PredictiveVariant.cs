using Hangar.Configuration.Loading;
using Hangar.Core.Planning.Policies;

namespace Hangar.Cli.Simulation;

/// <summary>
/// <c>predictive:KEY=VALUE,…</c>: <c>predictive</c> with some of its settings changed, so that a search over them runs
/// as the <c>static</c> search over <c>min_idle</c> does, without a configuration file per point:
/// <c>predictive:coverage=57%,idle_budget=100%</c>. Keys: <c>coverage</c> and <c>idle_budget</c> (shares, <c>57%</c> or
/// <c>0.57</c>), <c>target_wait</c> and <c>lookahead</c> (durations).
/// </summary>
internal static class PredictiveVariant
{
    public const string Prefix = "predictive:";

    public static bool TryParse(string text, PredictiveWarmPolicy basis, out PredictiveWarmPolicy policy, out string? error)
    {
        policy = basis;
        error = null;
        foreach (var setting in text[Prefix.Length..].Split(','))
        {
            var parts = setting.Split('=', 2);
            var (key, value) = parts.Length == 2 ? (parts[0].Trim(), parts[1].Trim()) : (setting.Trim(), "");
            var expected = key switch
            {
                "coverage" => "a share above 0 and up to 100% (57% or 0.57)",
                "idle_budget" => "a share from 0 to 100% (15% or 0.15)",
                "target_wait" or "lookahead" => "a duration such as 5s",
                _ => null,
            };
            if (expected is null)
            {
                error = $"'{text}': '{setting}' is not KEY=VALUE with a key of coverage, idle_budget, target_wait or lookahead";
                return false;
            }

            PredictiveWarmPolicy? changed = key switch
            {
                "coverage" when Share(value) is { } coverage && coverage > 0 => policy with { Coverage = coverage },
                "idle_budget" when Share(value) is { } budget => policy with { IdleBudget = budget },
                "target_wait" when DurationParser.TryParse(value, out var wait) => policy with { TargetWait = wait },
                "lookahead" when DurationParser.TryParse(value, out var lookahead) => policy with { Lookahead = lookahead },
                _ => null,
            };
            if (changed is null)
            {
                error = $"'{text}': {key} takes {expected}";
                return false;
            }

            policy = changed;
        }

        return true;
    }

    private static double? Share(string text) => ShareParser.TryParse(text, out var share) ? share : null;
}
