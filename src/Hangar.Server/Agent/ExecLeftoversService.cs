using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Agent;

/// <summary><c>serve</c>'s sweep of machines left by killed <c>hangar exec</c> runs: at start, then every minute.</summary>
internal sealed class ExecLeftoversService(ExecLeftovers leftovers, TimeProvider time, ILogger<ExecLeftoversService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await leftovers.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                AgentLog.LeftoverSweepFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
