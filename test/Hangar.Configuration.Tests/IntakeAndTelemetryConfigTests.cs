using Hangar.Configuration;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary><c>intake.rabbitmq</c> and <c>telemetry.otlp</c>: defaults, every key, and mistakes at their line.</summary>
public class IntakeAndTelemetryConfigTests
{
    [Fact]
    public void Parse_NoIntakeOrTelemetry_NeitherConfigured()
    {
        var config = Valid(Minimal);

        config.Intake.RabbitMq.ShouldBeNull();
        config.Telemetry.Otlp.ShouldBeNull();
        config.Telemetry.ServiceName.ShouldBe("hangar");
    }

    [Fact]
    public void Parse_RabbitMqWithUrlOnly_TakesTheDefaults()
    {
        var rabbit = Valid(Minimal + "\nintake:\n  rabbitmq:\n    url: {env: AMQP_URL}\n").Intake.RabbitMq!;

        rabbit.Url.ShouldBe(new SecretRef("rabbitmq-url", Env: "AMQP_URL"));
        rabbit.Queue.ShouldBe("hangar.intake");
        rabbit.DeadLetterQueueName.ShouldBe("hangar.intake.dead");
        rabbit.Prefetch.ShouldBe(64);
        rabbit.PublishTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        rabbit.Consume.ShouldBeTrue();
    }

    [Fact]
    public void Parse_RabbitMqEveryKey_Read()
    {
        var rabbit = Valid(Minimal + """

            intake:
              rabbitmq:
                url: {name: amqp, file: /run/secrets/amqp}
                queue: ci.jobs
                dead_letter_queue: ci.poison
                prefetch: 8
                publish_timeout: 2s
                stats_interval: 10s
                consume: false
            """).Intake.RabbitMq!;

        rabbit.Url.ShouldBe(new SecretRef("amqp", File: "/run/secrets/amqp"));
        (rabbit.Queue, rabbit.DeadLetterQueueName, rabbit.Prefetch).ShouldBe(("ci.jobs", "ci.poison", 8));
        (rabbit.PublishTimeout, rabbit.StatsInterval, rabbit.Consume).ShouldBe((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), false));
    }

    [Fact]
    public void Parse_RabbitMqInlineUrl_RefusedWithoutEchoingIt()
    {
        var error = SingleError(Minimal + "\nintake:\n  rabbitmq:\n    url: amqp://user:hunter2@mq\n");

        error.ShouldBeAt(15, 10, "intake.rabbitmq.url: secrets are never inline; use {file: ...} or {env: ...}");
        error.ToString().ShouldNotContain("hunter2");
    }

    [Fact]
    public void Parse_RabbitMqWithoutUrl_Missing() =>
        SingleError(Minimal + "\nintake:\n  rabbitmq:\n    queue: q\n").ShouldBeAt(14, 3, "missing required key 'url' in intake.rabbitmq");

    [Fact]
    public void Parse_ReservedQueueName_Refused() =>
        SingleError(Minimal + "\nintake:\n  rabbitmq:\n    url: {env: A}\n    queue: amq.direct\n").Message.ShouldContain("not starting with 'amq.'");

    [Fact]
    public void Parse_DeadLetterQueueSameAsQueue_Refused() =>
        SingleError(Minimal + "\nintake:\n  rabbitmq:\n    url: {env: A}\n    queue: q\n    dead_letter_queue: q\n")
            .ShouldBeAt(17, 5, "intake.rabbitmq.dead_letter_queue: must differ from the queue it takes poison messages from");

    [Fact]
    public void Parse_PrefetchZero_Refused() =>
        SingleError(Minimal + "\nintake:\n  rabbitmq:\n    url: {env: A}\n    prefetch: 0\n").Message.ShouldContain("intake.rabbitmq.prefetch");

    [Fact]
    public void Parse_OtlpWithHeaders_SecretReferencesPerHeader()
    {
        var telemetry = Valid(Minimal + """

            telemetry:
              service_name: ci-hangar
              otlp:
                endpoint: http://127.0.0.1:4318
                headers:
                  x-api-key: {env: OTLP_KEY}
            """).Telemetry;

        telemetry.ServiceName.ShouldBe("ci-hangar");
        telemetry.Otlp!.Endpoint.ShouldBe(new Uri("http://127.0.0.1:4318"));
        telemetry.Otlp.Headers["x-api-key"].ShouldBe(new SecretRef("otlp-header-x-api-key", Env: "OTLP_KEY"));
    }

    [Fact]
    public void Parse_OtlpInlineHeader_RefusedWithoutEchoingIt()
    {
        var error = SingleError(Minimal + "\ntelemetry:\n  otlp:\n    endpoint: http://127.0.0.1:4318\n    headers:\n      x-api-key: s3cr3t\n");

        error.Message.ShouldBe("telemetry.otlp.headers.x-api-key: secrets are never inline; use {file: ...} or {env: ...}");
        error.ToString().ShouldNotContain("s3cr3t");
    }

    [Fact]
    public void Parse_OtlpWithoutEndpoint_Missing() =>
        SingleError(Minimal + "\ntelemetry:\n  otlp:\n    headers: {}\n").Message.ShouldBe("missing required key 'endpoint' in telemetry.otlp");

    [Fact]
    public void Parse_UnknownIntakeKey_Suggested() =>
        SingleError(Minimal + "\nintake:\n  rabbitmq:\n    url: {env: A}\n    prefech: 3\n").Message.ShouldBe("intake.rabbitmq: unknown key 'prefech'; did you mean 'prefetch'?");
}
