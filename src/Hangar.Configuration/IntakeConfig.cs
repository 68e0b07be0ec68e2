namespace Hangar.Configuration;

/// <summary><c>intake</c>: where demand arrives besides the webhook endpoint. Today one source, RabbitMQ.</summary>
public sealed record IntakeConfig
{
    /// <summary>The queue <c>hangar gateway</c> publishes to and <c>hangar serve</c> consumes from; null when unused.</summary>
    public RabbitMqIntakeConfig? RabbitMq { get; init; }
}
