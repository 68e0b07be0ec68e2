using System.Globalization;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Cli.Simulation;

/// <summary>
/// The policies a simulation compares, each as the whole pool list with that policy in place: <c>config</c> (as
/// configured), <c>static</c> (a search over <c>min_idle</c> 0..N), <c>static:K</c>, <c>predictive</c> (the pool's
/// own predictive settings, else the defaults with the pool's boot time), <c>predictive:KEY=VALUE,…</c> (those with some
/// settings changed, <see cref="PredictiveVariant"/>) and <c>oracle:CALM/BUSY</c> (a bound, <see cref="SpellOracle"/>).
/// </summary>
internal static class PolicyVariants
{
    public static bool TryExpand(
        IReadOnlyList<string> requested, IReadOnlyList<PoolSpec> pools, Func<string, TimeSpan> bootOf, int staticMax,
        out List<PolicyVariant> variants, out string? error)
    {
        variants = [];
        error = null;
        foreach (var name in requested)
        {
            if (name == "config")
            {
                variants.Add(new("config", pools));
            }
            else if (name == "static")
            {
                for (var k = 0; k <= staticMax; k++)
                {
                    variants.Add(new(Static(k), WithStatic(pools, k)));
                }
            }
            else if (name.StartsWith("static:", StringComparison.Ordinal)
                && int.TryParse(name["static:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var minIdle))
            {
                variants.Add(new(Static(minIdle), WithStatic(pools, minIdle)));
            }
            else if (name == "predictive")
            {
                variants.Add(new("predictive", [.. pools.Select(p => p with
                {
                    Policy = p.Policy as PredictiveWarmPolicy ?? new PredictiveWarmPolicy { BootTime = bootOf(p.Name) },
                })]));
            }
            else if (name.StartsWith(PredictiveVariant.Prefix, StringComparison.Ordinal))
            {
                var variant = new List<PoolSpec>();
                foreach (var pool in pools)
                {
                    var basis = pool.Policy as PredictiveWarmPolicy ?? new PredictiveWarmPolicy { BootTime = bootOf(pool.Name) };
                    if (!PredictiveVariant.TryParse(name, basis, out var policy, out error))
                    {
                        return false;
                    }

                    variant.Add(pool with { Policy = policy });
                }

                variants.Add(new(name.Replace(':', ' '), variant));
            }
            else if (name.StartsWith(SpellOracle.Prefix, StringComparison.Ordinal) && SpellOracle.TryParse(name, out var oracle))
            {
                variants.Add(new(oracle.Label, pools, oracle));
            }
            else
            {
                error = $"unknown policy '{name}'; use config, static, static:N, predictive, predictive:KEY=VALUE,… or oracle:CALM/BUSY";
                return false;
            }
        }

        return true;
    }

    public static bool IsStatic(string label) => label.StartsWith("static ", StringComparison.Ordinal);

    private static string Static(int minIdle) => string.Create(CultureInfo.InvariantCulture, $"static min_idle={minIdle}");

    private static List<PoolSpec> WithStatic(IReadOnlyList<PoolSpec> pools, int minIdle) =>
        [.. pools.Select(p => p with { Policy = StaticWarmPolicy.Instance, MinIdle = Math.Min(minIdle, p.MaxRunners) })];
}
