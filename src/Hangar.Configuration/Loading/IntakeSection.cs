using System.Text.RegularExpressions;

namespace Hangar.Configuration.Loading;

/// <summary>Reads <c>intake</c>.</summary>
internal static partial class IntakeSection
{
    public static readonly string[] Keys = ["rabbitmq"];

    private static readonly string[] RabbitMqKeys =
        ["url", "queue", "dead_letter_queue", "prefetch", "publish_timeout", "stats_interval", "consume"];

    public static IntakeConfig Read(MappingReader? intake)
    {
        if (intake?.Mapping("rabbitmq", RabbitMqKeys) is not { } rabbit)
        {
            return new IntakeConfig();
        }

        var defaults = new { Queue = "hangar.intake", Prefetch = 64 };
        var url = rabbit.Secret("url", "rabbitmq-url", required: true);
        var queue = QueueName(rabbit, "queue");
        var deadLetters = QueueName(rabbit, "dead_letter_queue");
        if (deadLetters is not null && deadLetters == (queue ?? defaults.Queue))
        {
            rabbit.Context.Error(rabbit.KeyMark("dead_letter_queue"), $"{rabbit.At("dead_letter_queue")}: must differ from the queue it takes poison messages from");
        }

        var prefetch = rabbit.Integer("prefetch", min: 1, max: ushort.MaxValue);
        var publishTimeout = rabbit.Duration("publish_timeout");
        var statsInterval = rabbit.Duration("stats_interval");
        var consume = rabbit.Boolean("consume");
        if (url is null)
        {
            return new IntakeConfig();
        }

        var options = new RabbitMqIntakeConfig { Url = url };
        return new IntakeConfig
        {
            RabbitMq = options with
            {
                Queue = queue ?? options.Queue,
                DeadLetterQueue = deadLetters,
                Prefetch = (int?)prefetch ?? options.Prefetch,
                PublishTimeout = publishTimeout ?? options.PublishTimeout,
                StatsInterval = statsInterval ?? options.StatsInterval,
                Consume = consume ?? options.Consume,
            },
        };
    }

    // RabbitMQ reserves names starting with amq.; a name is at most 255 bytes. Kept to characters that need no quoting
    // in a shell or a management URL.
    private static string? QueueName(MappingReader rabbit, string key) =>
        rabbit.Matching(key, QueueNamePattern(), "1 to 200 letters, digits, '.', '_', ':' or '-', not starting with 'amq.'");

    [GeneratedRegex(@"^(?!amq\.)[A-Za-z0-9._:-]{1,200}$")]
    private static partial Regex QueueNamePattern();
}
