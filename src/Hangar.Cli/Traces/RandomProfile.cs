namespace Hangar.Cli.Traces;

/// <summary>No pattern: pushes at a constant rate around the clock, every day alike.</summary>
internal sealed class RandomProfile : TraceProfile
{
    public override string Name => "random";

    public override double PeakPushesPerHour => 12;

    public override double PushesPerHour(DateTimeOffset at) => 12;
}
