using Microsoft.Extensions.Logging;

namespace Hangar.Server.Webhooks;

/// <summary>
/// Warnings about rejected deliveries, at most one per forge and kind of rejection (its status: unknown forge, too
/// large, bad signature, malformed) per <see cref="Interval"/>: anyone who can reach the port can send forged
/// deliveries, and a flood of them must cost a log line a minute, not a line a request. The next warning counts the
/// ones left out since the previous; each rejection is still logged at debug level.
/// </summary>
internal sealed class WebhookRejectionLog(TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Keyed by configured forges only (or <c>?</c>), never by what a sender writes in the path, so the number
    /// of keys stays the number of forges times the kinds of rejection whatever arrives.</summary>
    private readonly Dictionary<(string Forge, int Status), Window> _windows = [];
    private readonly Lock _lock = new();

    /// <param name="forge">The configured forge the delivery was for, or null when the path named no configured one.</param>
    /// <param name="logAs">What the warning names as the forge when not <paramref name="forge"/> (e.g. the unknown name).</param>
    public void Rejected(string? forge, int status, string reason, string? deliveryId, string? logAs = null)
    {
        var named = logAs ?? forge ?? "?";
        var key = (forge ?? "?", status);
        var now = time.GetTimestamp();
        int suppressed;
        lock (_lock)
        {
            if (_windows.TryGetValue(key, out var window) && time.GetElapsedTime(window.Start, now) < Interval)
            {
                window.Suppressed++;
                suppressed = -1;
            }
            else
            {
                suppressed = window?.Suppressed ?? 0;
                _windows[key] = new Window(now);
            }
        }

        if (suppressed < 0)
        {
            WebhookLog.RejectedQuietly(logger, named, status, reason, deliveryId);
        }
        else
        {
            WebhookLog.Rejected(logger, named, status, reason, deliveryId, suppressed);
        }
    }

    private sealed class Window(long start)
    {
        public long Start { get; } = start;

        public int Suppressed { get; set; }
    }
}
