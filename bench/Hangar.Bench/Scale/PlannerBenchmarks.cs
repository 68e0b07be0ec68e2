using BenchmarkDotNet.Attributes;
using Hangar.Core.Planning;

namespace Hangar.Bench.Scale;

/// <summary>The pure planner over the steady state of <see cref="ScaleState"/> (nothing to do: the cost of looking).</summary>
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
}
