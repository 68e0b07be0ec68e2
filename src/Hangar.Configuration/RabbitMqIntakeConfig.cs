namespace Hangar.Configuration;

/// <summary><c>intake.rabbitmq</c>: the broker, the queue and how hard to pull from it.</summary>
public sealed record RabbitMqIntakeConfig
{
    /// <summary>The broker's <c>amqp://</c> or <c>amqps://</c> URL, a secret (it holds the password).</summary>
    public required SecretRef Url { get; init; }

    /// <summary>The durable queue of accepted deliveries.</summary>
    public string Queue { get; init; } = "hangar.intake";

    /// <summary>Where poison messages go, with the reason in a header; default the queue's name + <c>.dead</c>.</summary>
    public string? DeadLetterQueue { get; init; }

    /// <summary>Unacknowledged messages one consumer holds at most (its share of the store's group commit).</summary>
    public int Prefetch { get; init; } = 64;

    /// <summary>How long the gateway waits for the broker's confirm before answering 503.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often queue depths (consumer lag, dead letters) are read for the metrics.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether <c>serve</c> consumes; false leaves consuming to other replicas (a gateway ignores it).</summary>
    public bool Consume { get; init; } = true;

    public string DeadLetterQueueName => DeadLetterQueue ?? Queue + ".dead";
}
