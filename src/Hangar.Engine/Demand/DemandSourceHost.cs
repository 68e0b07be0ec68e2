using Hangar.Core.Demand;
using Hangar.Engine.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Demand;

/// <summary>
/// Runs one <see cref="IDemandSource"/> for the life of the process: a run that fails (or ends before shutdown) is
/// logged and followed by a new one after a backoff on the injected clock, doubling from
/// <see cref="FirstRestartDelay"/> to <see cref="MaxRestartDelay"/>; a run that lasted at least the longest delay counts
/// as healthy, so the next failure starts over from the first delay. A source runs once among replicas: each run starts
/// only once this replica holds the source's lease (<see cref="LeaseNames.Source"/>), runs fenced by it, and is cancelled
/// when the lease is lost; a run that ends because its lease was lost waits for the lease again, not for a backoff.
/// </summary>
internal sealed class DemandSourceHost(IDemandSource source, IJobEventSink sink, ILeaseOwnership ownership, TimeProvider time, ILogger<DemandSourceHost> logger)
    : BackgroundService
{
    public static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRestartDelay = TimeSpan.FromMinutes(5);

    private int _restarts;

    public IDemandSource Source => source;

    /// <summary>Runs started after a failed or ended one, for health and tests.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The wait before the run after <paramref name="failures"/> consecutive failed runs (1 or more).</summary>
    public static TimeSpan RestartDelay(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var delay = FirstRestartDelay * Math.Pow(2, doublings);
        return delay < MaxRestartDelay ? delay : MaxRestartDelay;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            LeasedWork lease;
            try
            {
                lease = await ownership.AcquireAsync(LeaseNames.Source(source.Name), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var started = time.GetTimestamp();
            try
            {
                using var owned = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                using (lease.Enter())
                {
                    await source.RunAsync(sink, owned.Token).ConfigureAwait(false);
                }

                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                if (lease.IsLost)
                {
                    continue;
                }

                DemandLog.SourceEnded(logger, source.Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (lease.IsLost)
            {
                continue;
            }
            catch (Exception ex)
            {
                DemandLog.SourceFailed(logger, source.Name, ex);
            }

            failures = time.GetElapsedTime(started) >= MaxRestartDelay ? 1 : failures + 1;
            var delay = RestartDelay(failures);
            DemandLog.SourceRestarting(logger, source.Name, delay);
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _restarts);
        }
    }
}
