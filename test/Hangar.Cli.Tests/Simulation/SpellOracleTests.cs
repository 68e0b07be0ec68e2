using Hangar.Cli.Simulation;
using Hangar.Cli.Traces;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Cli.Tests.Simulation;

/// <summary><c>hangar simulate --policy oracle:CALM/BUSY</c>: the bound of docs/scheduling.md ("Random"), a static
/// level per hidden spell, up one boot time before a spell and held by turns when fractional.</summary>
public sealed class SpellOracleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(30);

    private static readonly PoolSpec Pool = SimulatedPool.Linux;

    [Theory]
    [InlineData("oracle:6.3/10", 6.3, 10)]
    [InlineData("oracle:7/12", 7, 12)]
    public void TryParse_CalmAndBusyLevels(string text, double calm, double busy)
    {
        SpellOracle.TryParse(text, out var oracle).ShouldBeTrue();
        oracle.ShouldBe(new SpellOracle(calm, busy));
    }

    [Theory]
    [InlineData("oracle:6")]
    [InlineData("oracle:a/b")]
    [InlineData("oracle:-1/4")]
    [InlineData("oracle:6/10/12")]
    public void TryParse_Malformed_Refused(string text) => SpellOracle.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void At_BusyLevelFromOneBootBeforeASpell_CalmLevelHeldByTurns()
    {
        var spells = new RandomProfile();
        spells.Begin(7, T0, TimeSpan.FromDays(2));
        // A spell with at least half an hour of calm before it.
        var switches = spells.Switches;
        var start = Enumerable.Range(1, switches.Count - 1)
            .Where(i => spells.IsBusy(switches[i] + TimeSpan.FromSeconds(1)) && switches[i] - switches[i - 1] > TimeSpan.FromMinutes(30))
            .Select(i => switches[i]).First();
        var oracle = new SpellOracle(6.3, 10);

        MinIdle(oracle, spells, start - Boot - TimeSpan.FromSeconds(1)).ShouldBeInRange(6, 7);
        MinIdle(oracle, spells, start - Boot + TimeSpan.FromSeconds(1)).ShouldBe(10);
        MinIdle(oracle, spells, start + TimeSpan.FromSeconds(1)).ShouldBe(10);

        // Ten minutes of calm before the spell: 7 in three of them, 6 in the other seven.
        var calm = Enumerable.Range(0, 10).Select(m => MinIdle(oracle, spells, start - TimeSpan.FromMinutes(20) + TimeSpan.FromMinutes(m))).ToList();
        calm.Count(n => n == 7).ShouldBe(3);
        calm.Count(n => n == 6).ShouldBe(7);
    }

    private static int MinIdle(SpellOracle oracle, RandomProfile spells, DateTimeOffset at)
    {
        var pool = oracle.At([Pool], spells, at, Boot).ShouldHaveSingleItem();
        pool.Policy.ShouldBe(StaticWarmPolicy.Instance);
        return pool.MinIdle;
    }
}
