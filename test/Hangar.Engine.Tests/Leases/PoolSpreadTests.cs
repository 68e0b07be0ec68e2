using Hangar.Core.Leases;
using Hangar.Engine.Leases;

namespace Hangar.Engine.Tests.Leases;

/// <summary>How a replica decides which pools to seek and which to give up so pools spread over live replicas.</summary>
public sealed class PoolSpreadTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly string[] Pools = ["pool:p1", "pool:p2", "pool:p3", "pool:p4"];

    [Fact]
    public void Decide_HoldsAllWhenASecondReplicaAppears_GivesUpOnePerRoundOnlyOnceTheCountHeldStill()
    {
        var spread = new PoolSpread(Duration);
        var held = Pools.ToHashSet();
        spread.Decide(Rows(T0, ("a", Pools)), "a", Pools, held, T0).Release.ShouldBeNull();

        var withB = Rows(T0, ("a", Pools), ("b", []));
        var first = spread.Decide(withB, "a", Pools, held, T0.AddSeconds(1));
        var settled = spread.Decide(withB, "a", Pools, held, T0.AddSeconds(11));

        first.Release.ShouldBeNull();
        first.Target.ShouldBe(2);
        settled.Release.ShouldBe("pool:p4");
        settled.Seek.ShouldBe(["pool:p1", "pool:p2", "pool:p3"], ignoreOrder: true);
    }

    [Fact]
    public void Decide_AtTarget_NeverGivesUpAPool()
    {
        var spread = new PoolSpread(Duration);
        string[] three = ["pool:p1", "pool:p2", "pool:p3"];
        var rows = Rows(T0, ("a", ["pool:p1", "pool:p2"]), ("b", ["pool:p3"]));

        spread.Decide(rows, "a", three, new HashSet<string> { "pool:p1", "pool:p2" }, T0);
        var later = spread.Decide(rows, "a", three, new HashSet<string> { "pool:p1", "pool:p2" }, T0.AddSeconds(50));

        later.Target.ShouldBe(2);
        later.Release.ShouldBeNull();
    }

    [Fact]
    public void Decide_UnderTarget_SeeksFreePoolsUpToTheTarget()
    {
        var released = Rows(T0, ("a", ["pool:p1", "pool:p2"]), ("b", [])).Concat([Expired("pool:p3", "a"), Expired("pool:p4", "a")]).ToList();

        var decision = new PoolSpread(Duration).Decide(released, "b", Pools, new HashSet<string>(), T0.AddSeconds(1));

        decision.Seek.ShouldBe(["pool:p3", "pool:p4"], ignoreOrder: true);
    }

    [Fact]
    public void Decide_AtTarget_PoolOfAReplicaThatIsGone_SoughtAtOnce()
    {
        // b crashed: its presence and its pools ran out together.
        var rows = Rows(T0, ("a", ["pool:p1", "pool:p2"])).Concat([Expired("pool:p3", "b"), Expired("pool:p4", "b"), Expired("replica:b", "b")]).ToList();

        var decision = new PoolSpread(Duration).Decide(rows, "a", Pools, new HashSet<string> { "pool:p1", "pool:p2" }, T0.AddSeconds(1));

        decision.Seek.ShouldBe(Pools, ignoreOrder: true);
    }

    [Fact]
    public void Decide_AtTarget_PoolGivenUpByALiveReplica_LeftToOthersForALeaseDurationThenTaken()
    {
        var spread = new PoolSpread(Duration);
        string[] three = ["pool:p1", "pool:p2", "pool:p3"];
        var rows = Rows(T0, ("a", ["pool:p1", "pool:p2"]), ("b", [])).Concat([Expired("pool:p3", "a")]).ToList();
        var mine = new HashSet<string> { "pool:p1", "pool:p2" };

        spread.Decide(rows, "a", three, mine, T0.AddSeconds(1)).Seek.ShouldNotContain("pool:p3");
        spread.Decide(rows, "a", three, mine, T0.AddSeconds(11)).Seek.ShouldContain("pool:p3");
    }

    /// <summary>Each replica's presence and pools, held until a minute after <paramref name="now"/>.</summary>
    private static List<Lease> Rows(DateTimeOffset now, params (string Replica, string[] Pools)[] replicas) =>
        [.. replicas.SelectMany(r => r.Pools.Append(LeaseNames.Replica(r.Replica)).Select(name => new Lease(name, r.Replica, 1, now.AddMinutes(1), now, 0)))];

    private static Lease Expired(string name, string holder) => new(name, holder, 1, T0, T0.AddSeconds(-10), 0);
}
