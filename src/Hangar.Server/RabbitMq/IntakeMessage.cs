namespace Hangar.Server.RabbitMq;

/// <summary>
/// A job event on the wire between a gateway and a consumer (JSON, snake_case, message type
/// <see cref="IntakeMessageCodec.MessageType"/>). Its own type, not <c>JobEvent</c>: the wire format must not change
/// when a domain record gains a member, since gateways and consumers of two versions meet on one queue.
/// </summary>
internal sealed record IntakeMessage
{
    public string? Forge { get; init; }

    public long JobId { get; init; }

    public long Attempt { get; init; }

    public string? Status { get; init; }

    public string? Repository { get; init; }

    public string? Owner { get; init; }

    public string? Enterprise { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public long? RunId { get; init; }

    public string? Name { get; init; }

    public string? RunnerName { get; init; }

    public long? RunnerId { get; init; }

    public string? Conclusion { get; init; }

    public string? DeliveryId { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }
}
