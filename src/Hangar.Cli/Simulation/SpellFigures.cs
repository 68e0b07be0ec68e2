using Hangar.Cli.Traces;

namespace Hangar.Cli.Simulation;

/// <summary>
/// A replay's figures split by the <c>random</c> profile's hidden state (docs/scheduling.md, "Random"): jobs by the
/// spell they were queued in, and idle runner-minutes by the spell they fell in (an idle stretch across a switch is
/// split at it). Where a policy loses — cold starts in busy spells, idle minutes in calm ones — is then visible.
/// </summary>
internal sealed class SpellFigures(RandomProfile spells, TimeSpan boot)
{
    public SpellShare Calm { get; } = new();

    public SpellShare Busy { get; } = new();

    public void Waited(DateTimeOffset queuedAt, TimeSpan wait)
    {
        var spell = spells.IsBusy(queuedAt) ? Busy : Calm;
        spell.Jobs++;
        if (wait >= boot)
        {
            spell.ColdStarts++;
        }
    }

    public void Idle(DateTimeOffset from, DateTimeOffset to)
    {
        var at = from;
        var switches = spells.Switches;
        var index = FirstAfter(switches, from);
        while (at < to)
        {
            var edge = index < switches.Count && switches[index] < to ? switches[index] : to;
            (spells.IsBusy(at) ? Busy : Calm).IdleMinutes += (edge - at).TotalMinutes;
            at = edge;
            index++;
        }
    }

    private static int FirstAfter(IReadOnlyList<DateTimeOffset> switches, DateTimeOffset at)
    {
        int lo = 0, hi = switches.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (switches[mid] <= at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
