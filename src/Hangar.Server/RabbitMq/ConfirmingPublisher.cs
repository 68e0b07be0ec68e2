using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace Hangar.Server.RabbitMq;

/// <summary>
/// Publishes to a queue and returns only once the broker confirmed the message (persistent, to a durable queue: on
/// disk), or throws. Each publish holds a channel of its own from a small pool, so concurrent requests wait for their
/// own confirm and not for each other's; a channel that failed is dropped, not reused.
/// </summary>
internal sealed class ConfirmingPublisher(IntakeBroker broker) : IAsyncDisposable
{
    /// <summary>Channels kept open at most (the broker's default limit per connection is 2047).</summary>
    private const int MaxChannels = 64;

    private readonly ConcurrentBag<IChannel> _idle = [];
    private readonly SemaphoreSlim _slots = new(MaxChannels, MaxChannels);

    /// <summary>Publishes with <c>mandatory</c> set: a message no queue takes is refused, never dropped silently.</summary>
    /// <exception cref="RabbitMQ.Client.Exceptions.PublishException">The broker refused (nack) or returned it.</exception>
    public async Task PublishAsync(string queue, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        IChannel? channel = null;
        try
        {
            channel = await RentAsync(ct).ConfigureAwait(false);
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, body, ct).ConfigureAwait(false);
            _idle.Add(channel);
            channel = null;
        }
        finally
        {
            if (channel is not null)
            {
                await DropAsync(channel).ConfigureAwait(false);
            }

            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var channel))
        {
            await DropAsync(channel).ConfigureAwait(false);
        }

        _slots.Dispose();
    }

    private async Task<IChannel> RentAsync(CancellationToken ct)
    {
        while (_idle.TryTake(out var channel))
        {
            if (channel.IsOpen)
            {
                return channel;
            }

            await DropAsync(channel).ConfigureAwait(false);
        }

        var connection = await broker.ConnectionAsync(ct).ConfigureAwait(false);
        return await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct).ConfigureAwait(false);
    }

    private static async Task DropAsync(IChannel channel)
    {
        try
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // A channel of a connection that is gone: nothing left to release.
        }
    }
}
