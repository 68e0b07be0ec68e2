using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>A named loop: one pass per tick, a failed pass is logged and the loop goes on; only shutdown ends it.</summary>
public abstract class LoopBase(string name, EngineMetrics metrics, TimeProvider time, ILogger logger) : BackgroundService
{
    public string Name { get; } = name;

    /// <summary>Completed passes, for health and tests.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    private long _passes;

    protected TimeProvider Time { get; } = time;

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Waits until the next pass is due.</summary>
    protected abstract Task WaitAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
                Interlocked.Increment(ref _passes);
                metrics.LoopPass(Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                EngineLog.PassFailed(logger, Name, ex);
                metrics.LoopFailure(Name);
            }

            try
            {
                await WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
