using Hangar.Core.Instances;

namespace Hangar.Core.Tests.Instances;

public sealed class InstanceLifecycleTests
{
    // Written out from the diagram in ARCHITECTURE.md ("Instance lifecycle"), independently of the production table.
    private static readonly (InstanceState From, InstanceState To)[] Expected =
    [
        (InstanceState.Pending, InstanceState.Provisioning),
        (InstanceState.Pending, InstanceState.Failed),
        (InstanceState.Provisioning, InstanceState.Booting),
        (InstanceState.Provisioning, InstanceState.Pending),
        (InstanceState.Provisioning, InstanceState.Failed),
        (InstanceState.Provisioning, InstanceState.Stopped),
        (InstanceState.Stopped, InstanceState.Booting),
        (InstanceState.Stopped, InstanceState.Failed),
        (InstanceState.Stopped, InstanceState.Deleting),
        (InstanceState.Booting, InstanceState.Idle),
        (InstanceState.Booting, InstanceState.Busy),
        (InstanceState.Booting, InstanceState.Failed),
        (InstanceState.Idle, InstanceState.Busy),
        (InstanceState.Idle, InstanceState.Draining),
        (InstanceState.Idle, InstanceState.Failed),
        (InstanceState.Busy, InstanceState.Draining),
        (InstanceState.Draining, InstanceState.Deleting),
        (InstanceState.Failed, InstanceState.Deleting),
        (InstanceState.Deleting, InstanceState.Deleted),
    ];

    private static readonly InstanceState[] States = Enum.GetValues<InstanceState>();

    public static TheoryData<InstanceState, InstanceState> AllowedPairs()
    {
        var data = new TheoryData<InstanceState, InstanceState>();
        foreach (var (from, to) in Expected)
        {
            data.Add(from, to);
        }

        return data;
    }

    public static TheoryData<InstanceState, InstanceState> IllegalPairs()
    {
        var data = new TheoryData<InstanceState, InstanceState>();
        foreach (var from in States)
        {
            foreach (var to in States)
            {
                if (!Expected.Contains((from, to)))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    public static TheoryData<InstanceState> AllStates() => new(States);

    [Fact]
    public void IllegalPairs_FullMatrix_CoversEveryOtherPair()
    {
        // Guards the generator itself: allowed + illegal must be the whole states × states matrix.
        (AllowedPairs().Count + IllegalPairs().Count).ShouldBe(States.Length * States.Length);
        IllegalPairs().Count.ShouldBe((States.Length * States.Length) - Expected.Length);
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void CanMove_PairInTable_ReturnsTrue(InstanceState from, InstanceState to) =>
        InstanceLifecycle.CanMove(from, to).ShouldBeTrue();

    [Theory]
    [MemberData(nameof(IllegalPairs))]
    public void CanMove_PairNotInTable_ReturnsFalse(InstanceState from, InstanceState to) =>
        InstanceLifecycle.CanMove(from, to).ShouldBeFalse();

    [Theory]
    [MemberData(nameof(AllStates))]
    public void NextStates_AnyState_MatchesTable(InstanceState from)
    {
        var expected = Expected.Where(p => p.From == from).Select(p => p.To).OrderBy(s => s).ToArray();

        InstanceLifecycle.NextStates(from).OrderBy(s => s).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void CanMove_SameState_ReturnsFalse(InstanceState state) =>
        InstanceLifecycle.CanMove(state, state).ShouldBeFalse();

    [Fact]
    public void NextStates_Deleted_IsEmpty() =>
        InstanceLifecycle.NextStates(InstanceState.Deleted).ShouldBeEmpty();

    [Theory]
    [MemberData(nameof(AllStates))]
    public void NextStates_AnyState_CanReachDeleted(InstanceState start)
    {
        // Every instance must have a way out: nothing may be stranded short of deletion.
        var seen = new HashSet<InstanceState> { start };
        var frontier = new Queue<InstanceState>([start]);
        while (frontier.TryDequeue(out var state))
        {
            foreach (var next in InstanceLifecycle.NextStates(state))
            {
                if (seen.Add(next))
                {
                    frontier.Enqueue(next);
                }
            }
        }

        seen.ShouldContain(InstanceState.Deleted);
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void EnsureCanMove_PairInTable_DoesNotThrow(InstanceState from, InstanceState to) =>
        Should.NotThrow(() => InstanceLifecycle.EnsureCanMove("runner-1", from, to));

    [Theory]
    [MemberData(nameof(IllegalPairs))]
    public void EnsureCanMove_PairNotInTable_ThrowsCarryingInstanceFromAndTo(InstanceState from, InstanceState to)
    {
        var ex = Should.Throw<IllegalTransitionException>(() => InstanceLifecycle.EnsureCanMove("runner-1", from, to));

        ex.Instance.ShouldBe("runner-1");
        ex.From.ShouldBe(from);
        ex.To.ShouldBe(to);
    }

    [Fact]
    public void EnsureCanMove_IllegalMove_MessageNamesInstanceAndStates()
    {
        var ex = Should.Throw<IllegalTransitionException>(
            () => InstanceLifecycle.EnsureCanMove("gh-linux-7", InstanceState.Busy, InstanceState.Idle));

        ex.ShouldBeAssignableTo<InvalidOperationException>();
        ex.Message.ShouldContain("gh-linux-7");
        ex.Message.ShouldContain(nameof(InstanceState.Busy));
        ex.Message.ShouldContain(nameof(InstanceState.Idle));
    }

    [Theory]
    [InlineData(InstanceState.Pending, true)]
    [InlineData(InstanceState.Provisioning, true)]
    [InlineData(InstanceState.Booting, true)]
    [InlineData(InstanceState.Idle, true)]
    [InlineData(InstanceState.Busy, false)]
    [InlineData(InstanceState.Draining, false)]
    [InlineData(InstanceState.Deleting, false)]
    [InlineData(InstanceState.Deleted, false)]
    [InlineData(InstanceState.Failed, false)]
    [InlineData(InstanceState.Stopped, false)]
    public void IsSupply_State_TrueOnlyForRunnersWithoutAJob(InstanceState state, bool expected) =>
        InstanceLifecycle.IsSupply(state).ShouldBe(expected);

    [Theory]
    [MemberData(nameof(AllStates))]
    public void IsLive_State_FalseOnlyForDeleted(InstanceState state) =>
        InstanceLifecycle.IsLive(state).ShouldBe(state != InstanceState.Deleted);

    [Theory]
    [MemberData(nameof(AllStates))]
    public void OccupiesSlot_State_FalseOnlyForDeleted(InstanceState state) =>
        InstanceLifecycle.OccupiesSlot(state).ShouldBe(state != InstanceState.Deleted);

    [Theory]
    [InlineData(InstanceState.Pending, true, true)]
    [InlineData(InstanceState.Provisioning, true, true)]
    [InlineData(InstanceState.Stopped, true, true)]
    [InlineData(InstanceState.Booting, true, false)]
    [InlineData(InstanceState.Idle, true, false)]
    [InlineData(InstanceState.Failed, true, false)]
    [InlineData(InstanceState.Pending, false, false)]
    [InlineData(InstanceState.Provisioning, false, false)]
    public void IsStoppedSupply_StateAndTier_TrueOnlyForTheStoppedTierBeforeItsStart(InstanceState state, bool stoppedTier, bool expected)
    {
        var instance = new Instance
        {
            Name = "r1",
            Pool = "linux",
            Provider = "docker",
            State = state,
            CreatedAt = DateTimeOffset.UnixEpoch,
            StateChangedAt = DateTimeOffset.UnixEpoch,
            StoppedTier = stoppedTier,
        };

        InstanceLifecycle.IsStoppedSupply(instance).ShouldBe(expected);
    }

    [Fact]
    public void LifeStartedAt_StartedFromStopped_IsTheStartNotTheCreation()
    {
        var created = new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);
        var instance = new Instance
        {
            Name = "r1", Pool = "linux", Provider = "docker", State = InstanceState.Booting,
            CreatedAt = created, StateChangedAt = created,
        };

        instance.LifeStartedAt.ShouldBe(created);
        (instance with { StartedAt = created.AddHours(2) }).LifeStartedAt.ShouldBe(created.AddHours(2));
    }
}
