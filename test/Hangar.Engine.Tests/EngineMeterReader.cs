using System.Diagnostics.Metrics;

namespace Hangar.Engine.Tests;

/// <summary>Reads the engine's instruments made by one meter factory (one engine): counters summed, gauges observed on demand, by pool.</summary>
internal sealed class EngineMeterReader : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Instrument, string? Pool), long> _values = [];
    private readonly MeterListener _listener = new();

    public EngineMeterReader(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngineMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags, add: true));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags, add: false));
        _listener.Start();
    }

    /// <summary>The counter's total for <paramref name="pool"/> so far.</summary>
    public long Counter(string instrument, string pool)
    {
        lock (_lock)
        {
            return _values.GetValueOrDefault((instrument, pool));
        }
    }

    /// <summary>The gauge's value for <paramref name="pool"/> now.</summary>
    public long Gauge(string instrument, string pool)
    {
        _listener.RecordObservableInstruments();
        return Counter(instrument, pool);
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, bool add)
    {
        string? pool = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "pool")
            {
                pool = tag.Value as string;
            }
        }

        lock (_lock)
        {
            var key = (instrument.Name, pool);
            _values[key] = add ? _values.GetValueOrDefault(key) + value : value;
        }
    }
}
