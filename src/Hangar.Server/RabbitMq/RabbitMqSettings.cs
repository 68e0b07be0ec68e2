using Hangar.Configuration;

namespace Hangar.Server.RabbitMq;

/// <summary><c>intake.rabbitmq</c> with its URL resolved: what the gateway's publisher and serve's consumer use.</summary>
internal sealed record RabbitMqSettings
{
    public required Uri Url { get; init; }

    public required string Queue { get; init; }

    public required string DeadLetterQueue { get; init; }

    public int Prefetch { get; init; } = 64;

    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(5);

    public bool Consume { get; init; } = true;

    /// <summary>Names this process in the broker's connection list (<c>rabbitmqctl list_connections client_properties</c>).</summary>
    public string ClientName { get; init; } = "hangar";

    /// <summary>Where the broker is, without credentials, for logs.</summary>
    public string Describe() => $"{Url.Scheme}://{Url.Host}:{(Url.IsDefaultPort ? 5672 : Url.Port)}{Url.AbsolutePath} queue={Queue}";

    /// <exception cref="SecretNotFoundException">The URL's secret is nowhere to be found.</exception>
    /// <exception cref="InvalidOperationException">The secret is not an amqp:// or amqps:// URL.</exception>
    public static RabbitMqSettings From(RabbitMqIntakeConfig config, IReadOnlyDictionary<string, string> secrets, string clientName)
    {
        var text = SecretResolver.Resolve(config.Url, secrets).Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("amqp" or "amqps"))
        {
            // Never the value: it holds the broker's password.
            throw new InvalidOperationException($"intake.rabbitmq.url (secret '{config.Url.Name}') is not an amqp:// or amqps:// URL");
        }

        return new RabbitMqSettings
        {
            Url = url,
            Queue = config.Queue,
            DeadLetterQueue = config.DeadLetterQueueName,
            Prefetch = config.Prefetch,
            PublishTimeout = config.PublishTimeout,
            StatsInterval = config.StatsInterval,
            Consume = config.Consume,
            ClientName = clientName,
        };
    }
}
