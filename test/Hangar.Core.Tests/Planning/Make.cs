using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Pools;

namespace Hangar.Core.Tests.Planning;

/// <summary>Small builders for planner and router inputs. Defaults: forge <c>github</c>, org <c>acme</c>,
/// repository <c>acme/app</c>, pool labels <c>linux, x64</c>; adjust with <c>with { ... }</c>.</summary>
internal static class Make
{
    public const string Forge = "github";

    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static PoolSpec Pool(string name, params string[] labels) => new()
    {
        Name = name,
        Forge = Forge,
        Target = ForgeTarget.Organization("acme"),
        Labels = labels.Length == 0 ? ["linux", "x64"] : labels,
        Provider = "docker",
    };

    public static Job Job(long id, params string[] labels) => new()
    {
        Forge = Forge,
        Id = id,
        Status = JobStatus.Queued,
        Repository = "acme/app",
        Owner = "acme",
        Labels = labels.Length == 0 ? ["self-hosted", "linux"] : labels,
        ReceivedAt = Now.AddMinutes(-1),
        QueuedAt = Now.AddMinutes(-1),
        UpdatedAt = Now.AddMinutes(-1),
    };

    public static JobKey Key(long id) => new(Forge, id);

    /// <summary>An instance created <paramref name="age"/> ago that entered its state <paramref name="inState"/> ago
    /// (default: at creation).</summary>
    public static Instance Instance(string name, string pool, InstanceState state, TimeSpan age, TimeSpan? inState = null) => new()
    {
        Name = name,
        Pool = pool,
        Provider = "docker",
        State = state,
        CreatedAt = Now - age,
        StateChangedAt = Now - (inState ?? age),
    };

    public static Plan Plan(
        IReadOnlyList<PoolSpec> pools,
        IReadOnlyList<Job>? jobs = null,
        IReadOnlyList<Instance>? instances = null,
        DateTimeOffset? now = null) =>
        Planner.Plan(new PlannerInput(pools, jobs ?? [], instances ?? [], now ?? Now));

    /// <summary>Several instances of one pool and state, named <c>{prefix}-1..n</c>.</summary>
    public static IEnumerable<Instance> Instances(int count, string pool, InstanceState state, TimeSpan age, string? prefix = null) =>
        Enumerable.Range(1, count).Select(i => Instance($"{prefix ?? pool + "-" + state.ToString().ToLowerInvariant()}-{i}", pool, state, age));

    /// <summary>How many runners the plan creates in <paramref name="pool"/> (0 when none).</summary>
    public static int CreatesIn(this Plan plan, string pool) =>
        plan.Creates.Where(c => c.Pool == pool).Sum(c => c.Count);
}
