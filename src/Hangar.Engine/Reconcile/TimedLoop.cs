using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>A named loop that runs one pass, then waits its interval on the injected clock.</summary>
public abstract class TimedLoop(string name, TimeSpan interval, EngineMetrics metrics, TimeProvider time, ILogger logger)
    : LoopBase(name, metrics, time, logger)
{
    public TimeSpan Interval { get; } = interval;

    protected override Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Interval, Time, cancellationToken);
}
