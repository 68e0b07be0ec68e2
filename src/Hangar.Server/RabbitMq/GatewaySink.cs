using System.Diagnostics;
using Hangar.Core.Demand;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Core.Telemetry;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Hangar.Server.RabbitMq;

/// <summary>
/// The gateway's demand sink: a verified job event goes to the intake queue as a persistent message, and this returns
/// only once the broker confirmed it (<see cref="JobEventOutcome.Forwarded"/>, answered 202). Anything short of a
/// confirm within <c>publish_timeout</c> is an <see cref="IntakeUnavailableException"/> (answered 503): never a 202 for
/// something the broker does not hold.
/// </summary>
internal sealed class GatewaySink(ConfirmingPublisher publisher, RabbitMqSettings settings, IntakeMetrics metrics, TimeProvider time, ILogger<GatewaySink> logger) : IJobEventSink
{
    public async Task<JobEventOutcome> SubmitAsync(JobEvent jobEvent, CancellationToken cancellationToken = default)
    {
        var request = Activity.Current;
        using var span = JobTrace.StartEvent("intake.publish", ActivityKind.Producer, jobEvent);
        if (span is not null && request is not null && request.TraceId != span.TraceId)
        {
            // The HTTP request's own trace (if one is recorded) stays findable from the job's.
            span.AddLink(new ActivityLink(request.Context));
        }

        span?.SetTag("messaging.system", "rabbitmq");
        span?.SetTag("messaging.destination.name", settings.Queue);
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal) { ["hangar-forge"] = jobEvent.Forge };
        TraceHeaders.Inject(span, headers);
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = IntakeMessageCodec.ContentType,
            Type = IntakeMessageCodec.MessageType,
            MessageId = jobEvent.DeliveryId,
            AppId = "hangar-gateway",
            Timestamp = new AmqpTimestamp(time.GetUtcNow().ToUnixTimeSeconds()),
            Headers = headers,
        };

        var started = time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        try
        {
            await publisher.PublishAsync(settings.Queue, properties, IntakeMessageCodec.Encode(jobEvent), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failure(ex, cancellationToken) is { } result)
        {
            metrics.Published(time.GetElapsedTime(started), result);
            span?.SetStatus(ActivityStatusCode.Error, result);
            RabbitMqLog.PublishFailed(logger, jobEvent.Forge, jobEvent.DeliveryId, result, ex.Message);
            throw new IntakeUnavailableException(result == "refused"
                ? "the broker refused the delivery; retry later"
                : "the intake queue is unreachable or did not confirm in time; retry later", ex);
        }

        metrics.Published(time.GetElapsedTime(started), "confirmed");
        return JobEventOutcome.Forwarded;
    }

    /// <summary>The metric's result for a failed publish, or null when the request itself was aborted.</summary>
    private static string? Failure(Exception ex, CancellationToken request) => ex switch
    {
        OperationCanceledException when request.IsCancellationRequested => null,
        PublishException => "refused",
        OperationCanceledException or RabbitMQClientException or OperationInterruptedException or IOException or System.Net.Sockets.SocketException => "unavailable",
        _ => null,
    };
}
