using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hangar.Cli.Traces;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Cli.Simulation;

/// <summary>
/// <c>oracle:CALM/BUSY</c>, a bound rather than a policy: a static level per hidden state of the <c>random</c> profile,
/// read from the generator's own spells (<c>--spells SEED</c>), switched up one boot time before a busy spell begins
/// and down when it ends. No policy that learns the spells from arrivals can know more. A fractional calm level is held
/// by turns, a minute at a time (6.3: 7 in three minutes of every ten, 6 in the others), so the bound is not limited to
/// whole numbers where a forecast's supply is not.
/// </summary>
internal sealed record SpellOracle(double Calm, double Busy)
{
    public const string Prefix = "oracle:";

    public static bool TryParse(string text, [NotNullWhen(true)] out SpellOracle? oracle)
    {
        oracle = null;
        var parts = text[Prefix.Length..].Split('/');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var calm)
            && double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var busy))
        {
            oracle = new SpellOracle(calm, busy);
            return true;
        }

        return false;
    }

    public string Label => string.Create(CultureInfo.InvariantCulture, $"oracle {Calm}/{Busy}");

    /// <summary>The pools with the level the hidden state calls for at <paramref name="now"/>.</summary>
    public IReadOnlyList<PoolSpec> At(IReadOnlyList<PoolSpec> pools, RandomProfile spells, DateTimeOffset now, TimeSpan boot)
    {
        var busy = spells.IsBusy(now) || spells.IsBusy(now + boot);
        var level = busy ? Busy : Calm;
        var whole = (int)Math.Floor(level);
        var tenths = (int)Math.Round((level - whole) * 10);
        var minute = (long)Math.Floor((now - DateTimeOffset.UnixEpoch).TotalMinutes);
        var count = whole + ((minute % 10) < tenths ? 1 : 0);
        return [.. pools.Select(p => p with { Policy = StaticWarmPolicy.Instance, MinIdle = Math.Min(count, p.MaxRunners) })];
    }
}
