using System.Diagnostics.Metrics;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests;

/// <summary>
/// Listens to <c>hangar.loop.actions</c> of one harness's engine (its meters are told apart from other tests' by the
/// meter factory that made them), keeping each measurement as it was added.
/// </summary>
internal sealed class LoopActions : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Loop, string Action, long Count)> _measurements = [];

    public LoopActions(EngineHarness h)
    {
        var factory = h.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == EngineMetrics.MeterName && instrument.Name == "hangar.loop.actions")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, count, tags, _) =>
        {
            string? loop = null, action = null;
            foreach (var tag in tags)
            {
                loop = tag.Key == "loop" ? (string?)tag.Value : loop;
                action = tag.Key == "action" ? (string?)tag.Value : action;
            }

            lock (_measurements)
            {
                _measurements.Add((loop!, action!, count));
            }
        });
        _listener.Start();
    }

    /// <summary>Each measurement of <paramref name="action"/> by <paramref name="loop"/>, in the order added.</summary>
    public IReadOnlyList<long> Of(string loop, string action)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Loop == loop && m.Action == action).Select(m => m.Count)];
        }
    }

    public long Total(string loop, string action) => Of(loop, action).Sum();

    public void Dispose() => _listener.Dispose();
}
