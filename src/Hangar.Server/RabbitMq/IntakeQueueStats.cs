using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.RabbitMq;

/// <summary>Reads the intake queue's and the dead-letter queue's depths every <c>stats_interval</c> for the consumer-lag
/// and dead-letter gauges. A failed read leaves the last values (the gauges say nothing new, not zero).</summary>
internal sealed class IntakeQueueStats(IntakeBroker broker, IntakeMetrics metrics, TimeProvider time, ILogger<IntakeQueueStats> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(broker.Settings.StatsInterval, time);
        do
        {
            try
            {
                await ReadAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                RabbitMqLog.QueueStatsFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task ReadAsync(CancellationToken ct)
    {
        var connection = await broker.ConnectionAsync(ct).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            var ready = await channel.MessageCountAsync(broker.Settings.Queue, ct).ConfigureAwait(false);
            var dead = await channel.MessageCountAsync(broker.Settings.DeadLetterQueue, ct).ConfigureAwait(false);
            metrics.QueueDepths(ready, dead);
            await channel.CloseAsync(ct).ConfigureAwait(false);
        }
    }
}
