namespace Hangar.Engine.Demand;

/// <summary>Doubling waits with jitter (a half to the whole of each step), so listeners that failed together do not
/// retry together.</summary>
internal sealed class ScaleSetBackoff(TimeSpan first, TimeSpan max)
{
    private int _failures;

    public TimeSpan Next()
    {
        var step = first * Math.Pow(2, Math.Min(_failures++, 20));
        var capped = step < max ? step : max;
        return Jittered(capped / 2, capped);
    }

    public void Reset() => _failures = 0;

    public static TimeSpan Jittered(TimeSpan min, TimeSpan max) =>
        max <= min ? min : min + ((max - min) * Random.Shared.NextDouble());
}
