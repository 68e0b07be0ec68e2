using System.Diagnostics.Metrics;

namespace Hangar.Server.RabbitMq;

/// <summary>
/// The gateway's and the consumer's metrics on the <c>Hangar.Intake</c> meter. The three names the Grafana dashboard
/// uses are fixed: <c>hangar.gateway.publish.duration</c>, <c>hangar.intake.consumer.lag</c>,
/// <c>hangar.intake.dead_letter.messages</c>. Queue depths are read by <see cref="IntakeQueueStats"/>; until the first
/// read the gauges report nothing rather than a made-up zero.
/// </summary>
internal sealed class IntakeMetrics : IDisposable
{
    public const string MeterName = "Hangar.Intake";

    private readonly Meter _meter;
    private readonly Histogram<double> _publishDuration;
    private readonly Counter<long> _published;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _deadLettered;
    private long _ready = -1;
    private long _deadLetters = -1;

    /// <summary>Every series is labelled with its queue: one process may serve several (and tests run many side by side).</summary>
    private readonly KeyValuePair<string, object?> _queue;

    public IntakeMetrics(IMeterFactory meters, RabbitMqSettings settings)
    {
        _queue = new KeyValuePair<string, object?>("queue", settings.Queue);
        _meter = meters.Create(MeterName);
        _publishDuration = _meter.CreateHistogram("hangar.gateway.publish.duration", unit: "s",
            description: "From publishing an accepted delivery until the broker confirmed it (or refused it), by result.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _published = _meter.CreateCounter<long>("hangar.gateway.deliveries", description: "Deliveries the gateway handed to the broker, by result (confirmed, unavailable, refused).");
        _consumed = _meter.CreateCounter<long>("hangar.intake.messages", description: "Messages the consumer settled, by outcome (created, updated, stale, duplicate, dead_lettered, requeued).");
        _deadLettered = _meter.CreateCounter<long>("hangar.intake.dead_lettered", description: "Poison messages moved to the dead-letter queue, by kind (unparseable, unknown_forge, invalid).");
        _meter.CreateObservableGauge("hangar.intake.consumer.lag", () => Depth(ref _ready), unit: "{message}",
            description: "Messages ready in the intake queue, not yet delivered to a consumer.");
        _meter.CreateObservableGauge("hangar.intake.dead_letter.messages", () => Depth(ref _deadLetters), unit: "{message}",
            description: "Messages in the dead-letter queue.");
    }

    public void Published(TimeSpan elapsed, string result)
    {
        var tag = new KeyValuePair<string, object?>("result", result);
        _publishDuration.Record(elapsed.TotalSeconds, tag, _queue);
        _published.Add(1, tag, _queue);
    }

    public void Consumed(string outcome) => _consumed.Add(1, new KeyValuePair<string, object?>("outcome", outcome), _queue);

    public void DeadLettered(string kind) => _deadLettered.Add(1, new KeyValuePair<string, object?>("kind", kind), _queue);

    public void QueueDepths(long ready, long deadLetters)
    {
        Interlocked.Exchange(ref _ready, ready);
        Interlocked.Exchange(ref _deadLetters, deadLetters);
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Depth(ref long field)
    {
        var value = Interlocked.Read(ref field);
        return value < 0 ? [] : [new Measurement<long>(value, _queue)];
    }
}
