using BenchmarkDotNet.Attributes;
using Hangar.Core.Planning;

namespace Hangar.Bench.Scale;

/// <summary>
/// The pure planner over the steady state of <see cref="ScaleState"/> (nothing to do: the cost of looking), next to
/// <see cref="Walk"/>: one read of the fields the planner must read of every instance, job and pool, and nothing else.
/// The walk is the memory floor at each size: 1k instances fit in a core's caches, 50k (about 25 MB of records and
/// strings) do not, so any loop over them, however linear its work, pays a cache miss per record at 50k and not at 1k.
/// The planner's growth beyond the walk's is its own.
/// </summary>
public class PlannerBenchmarks
{
    private PlannerInput? _input;

    public static IReadOnlyList<int> Sizes { get; set; } = [1_000, 10_000, 50_000];

    [ParamsSource(nameof(Sizes))]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var state = ScaleState.Build(Instances, now);
        _input = new PlannerInput(state.Pools, state.Jobs, state.Instances, now);
    }

    [Benchmark]
    public Plan Plan() => Planner.Plan(_input!);

    [Benchmark]
    public long Walk()
    {
        var input = _input!;
        long sum = 0;
        foreach (var instance in input.Instances)
        {
            sum += (int)instance.State + instance.Pool.Length + instance.CreatedAt.Ticks;
        }

        foreach (var job in input.Jobs)
        {
            sum += (int)job.Status + job.Labels.Count + (job.Pool?.Length ?? 0);
        }

        foreach (var pool in input.Pools)
        {
            sum += pool.MaxRunners + pool.Name.Length;
        }

        return sum;
    }
}
