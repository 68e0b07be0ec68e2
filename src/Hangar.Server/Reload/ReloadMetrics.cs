using System.Diagnostics.Metrics;

namespace Hangar.Server.Reload;

/// <summary>
/// <c>hangar_config_reload_total{result}</c> (applied, rejected, unchanged), <c>hangar_config_reload_failing</c> (1 while
/// the file on disk is not the configuration running) and <c>hangar_config_reload_last_success_timestamp_seconds</c>.
/// </summary>
internal sealed class ReloadMetrics
{
    private readonly Counter<long> _reloads;
    private volatile int _failing;
    private long _lastSuccess;

    public ReloadMetrics(IMeterFactory meters, TimeProvider time)
    {
        var meter = meters.Create("Hangar.Server.Reload");
        _reloads = meter.CreateCounter<long>("hangar.config.reload", description: "Configuration reload attempts by result.");
        meter.CreateObservableGauge("hangar.config.reload.failing", () => _failing, description: "1 while the configuration file on disk is rejected and the last good one runs.");
        meter.CreateObservableGauge(
            "hangar.config.reload.last_success_timestamp", () => Interlocked.Read(ref _lastSuccess), unit: "s",
            description: "When the configuration was last loaded or reloaded successfully (Unix seconds).");
        _lastSuccess = time.GetUtcNow().ToUnixTimeSeconds();
    }

    public void Applied(DateTimeOffset at)
    {
        _reloads.Add(1, new KeyValuePair<string, object?>("result", "applied"));
        _failing = 0;
        Interlocked.Exchange(ref _lastSuccess, at.ToUnixTimeSeconds());
    }

    public void Unchanged()
    {
        _reloads.Add(1, new KeyValuePair<string, object?>("result", "unchanged"));
        _failing = 0;
    }

    public void Rejected()
    {
        _reloads.Add(1, new KeyValuePair<string, object?>("result", "rejected"));
        _failing = 1;
    }
}
