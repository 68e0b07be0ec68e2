namespace Hangar.Cli.Traces;

/// <summary>No pattern at all: pushes at one constant rate around the clock, every day alike. The one workload on which
/// no forecast can know more than "the same again", kept as a baseline (the best static <c>min_idle</c> is optimal).</summary>
internal sealed class PoissonProfile : TraceProfile
{
    public override string Name => "poisson";

    public override double PeakPushesPerHour => 12;

    public override double PushesPerHour(DateTimeOffset at) => 12;
}
