namespace Hangar.Cli.Simulation;

/// <summary>A clock that moves only when the simulation moves it: the <see cref="TimeProvider"/> of a replay.</summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void AdvanceTo(DateTimeOffset to)
    {
        if (to > _now)
        {
            _now = to;
        }
    }
}
