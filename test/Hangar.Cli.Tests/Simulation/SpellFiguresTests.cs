using Hangar.Cli.Simulation;
using Hangar.Cli.Traces;

namespace Hangar.Cli.Tests.Simulation;

/// <summary>The per-spell figures of <c>hangar simulate --spells</c>: jobs by the spell they were queued in, cold starts
/// at the boot time, idle minutes split at each switch.</summary>
public sealed class SpellFiguresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Idle_AcrossASwitch_SplitAtIt_JobsByTheirQueuedSpell()
    {
        var spells = new RandomProfile();
        spells.Begin(7, T0, TimeSpan.FromDays(2));
        var (first, second) = (spells.Switches[0], spells.Switches[1]);
        var before = spells.IsBusy(first.AddMinutes(-1));
        spells.IsBusy(first.AddMinutes(1)).ShouldBe(!before);
        var figures = new SpellFigures(spells, TimeSpan.FromSeconds(30));

        // Ten idle minutes, four before the first switch and six after it; one job each side, the later one a cold start.
        figures.Idle(first.AddMinutes(-4), first.AddMinutes(6));
        figures.Waited(first.AddMinutes(-1), TimeSpan.FromSeconds(2));
        figures.Waited(first.AddSeconds(1), TimeSpan.FromSeconds(30));

        var (was, now) = before ? (figures.Busy, figures.Calm) : (figures.Calm, figures.Busy);
        was.IdleMinutes.ShouldBe(4, 1e-9);
        now.IdleMinutes.ShouldBe(Math.Min(6, (second - first).TotalMinutes), 1e-9);
        (was.Jobs, was.ColdStarts, now.Jobs, now.ColdStarts).ShouldBe((1, 0, 1, 1));
        now.ColdShare.ShouldBe(1);
    }

    [Fact]
    public void ShareWaitingAtLeast_CountsWaitsOfAWholeBoot()
    {
        var figures = new PoolFigures();
        foreach (var seconds in new[] { 0, 10, 29.5, 30, 31 })
        {
            figures.Waited(TimeSpan.FromSeconds(seconds));
        }

        figures.ShareWaitingAtLeast(30).ShouldBe(0.4, 1e-9);
    }
}
