using Hangar.Core.Instances;
using Hangar.Testing;

namespace Hangar.Engine.Tests;

public sealed class TransitionsTests
{

    public static TheoryData<InstanceState, InstanceState, InstanceState[]> Paths => new()
    {
        { InstanceState.Pending, InstanceState.Provisioning, [InstanceState.Provisioning] },
        { InstanceState.Pending, InstanceState.Booting, [InstanceState.Provisioning, InstanceState.Booting] },
        { InstanceState.Pending, InstanceState.Deleted, [InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted] },
        { InstanceState.Provisioning, InstanceState.Deleting, [InstanceState.Failed, InstanceState.Deleting] },
        { InstanceState.Booting, InstanceState.Busy, [InstanceState.Busy] },
        { InstanceState.Idle, InstanceState.Deleted, [InstanceState.Draining, InstanceState.Deleting, InstanceState.Deleted] },
        { InstanceState.Busy, InstanceState.Deleted, [InstanceState.Draining, InstanceState.Deleting, InstanceState.Deleted] },
        { InstanceState.Failed, InstanceState.Deleted, [InstanceState.Deleting, InstanceState.Deleted] },
        { InstanceState.Idle, InstanceState.Idle, [] },
        { InstanceState.Pending, InstanceState.Stopped, [InstanceState.Provisioning, InstanceState.Stopped] },
        { InstanceState.Stopped, InstanceState.Deleted, [InstanceState.Deleting, InstanceState.Deleted] },
        { InstanceState.Stopped, InstanceState.Busy, [InstanceState.Booting, InstanceState.Busy] },
        { InstanceState.Pending, InstanceState.Deleting, [InstanceState.Failed, InstanceState.Deleting] },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void PathTo_ReachableTarget_ReturnsShortestLegalPath(InstanceState from, InstanceState to, InstanceState[] expected)
    {
        Transitions.PathTo(from, to).ShouldBe(expected);
    }

    [Theory]
    [InlineData(InstanceState.Busy, InstanceState.Idle)]
    [InlineData(InstanceState.Deleted, InstanceState.Pending)]
    [InlineData(InstanceState.Failed, InstanceState.Idle)]
    [InlineData(InstanceState.Draining, InstanceState.Busy)]
    [InlineData(InstanceState.Booting, InstanceState.Pending)]
    public void PathTo_UnreachableTarget_ReturnsNull(InstanceState from, InstanceState to)
    {
        Transitions.PathTo(from, to).ShouldBeNull();
    }

    [Fact]
    public void PathTo_EveryPair_IsLegalAndAsShortAsTheTableAllows()
    {
        var states = Enum.GetValues<InstanceState>();
        foreach (var from in states)
        {
            var distances = Distances(from);
            foreach (var to in states)
            {
                var path = Transitions.PathTo(from, to);
                if (!distances.TryGetValue(to, out var distance))
                {
                    path.ShouldBeNull($"{from} → {to}");
                    continue;
                }

                path.ShouldNotBeNull($"{from} → {to}");
                path.Count.ShouldBe(distance, $"{from} → {to}");
                var at = from;
                foreach (var step in path)
                {
                    InstanceLifecycle.CanMove(at, step).ShouldBeTrue($"{from} → {to} steps {at} → {step}");
                    at = step;
                }

                at.ShouldBe(to);
            }
        }
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task MoveThroughAsync_PendingToDeleted_StoresEveryStep()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var intent = await h.InsertIntentAsync("hgr-linux-movethru01", cancellationToken: ct);

        var moved = await h.Transitions.MoveThroughAsync(intent, InstanceState.Deleted, "test", cancellationToken: ct).WaitAsync(h.Timeout, ct);

        moved.ShouldNotBeNull().State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(intent.Name, ct)).Select(t => t.To)
            .ShouldBe([InstanceState.Pending, InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted]);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task TryMoveAsync_IllegalMove_ReturnsNullAndKeepsState()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var intent = await h.InsertIntentAsync("hgr-linux-illegal001", cancellationToken: ct);

        var moved = await h.Transitions.TryMoveAsync(intent.Name, InstanceState.Idle, "test", cancellationToken: ct).WaitAsync(h.Timeout, ct);

        moved.ShouldBeNull();
        (await h.InstanceAsync(intent.Name, ct)).State.ShouldBe(InstanceState.Pending);
    }

    /// <summary>Breadth-first distances over the lifecycle table, computed independently of the code under test.</summary>
    private static Dictionary<InstanceState, int> Distances(InstanceState from)
    {
        var distances = new Dictionary<InstanceState, int> { [from] = 0 };
        var frontier = new List<InstanceState> { from };
        for (var depth = 1; frontier.Count > 0; depth++)
        {
            frontier = frontier
                .SelectMany(InstanceLifecycle.NextStates)
                .Where(s => distances.TryAdd(s, depth))
                .ToList();
        }

        return distances;
    }
}
