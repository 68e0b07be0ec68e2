using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hangar.Server.Dashboard;

/// <summary>
/// The dashboard's one source: while at least one browser watches, it reads a snapshot every
/// <see cref="SampleInterval"/> and publishes it when it differs from the last, so every open page gets the same change
/// at the same time and the store is read once however many pages are open. With no watcher it reads nothing.
/// </summary>
internal sealed class DashboardFeed(DashboardSnapshotBuilder builder, IOptions<JsonOptions> json, TimeProvider time, ILogger<DashboardFeed> logger)
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _sampling = new(1, 1);
    private readonly Lock _lock = new();
    private (long Version, string Json) _current = (0, "");
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sampledAt = long.MinValue;

    /// <summary>The snapshot as JSON, read now (for the page's first paint and the REST-style snapshot route).</summary>
    public async Task<(long Version, string Json)> CurrentAsync(CancellationToken ct)
    {
        await SampleAsync(ct).ConfigureAwait(false);
        lock (_lock)
        {
            return _current;
        }
    }

    /// <summary>The first snapshot newer than <paramref name="version"/>; samples the store while waiting.</summary>
    public async Task<(long Version, string Json)> NextAsync(long version, CancellationToken ct)
    {
        using var tick = new PeriodicTimer(SampleInterval, time);
        // One pending tick at a time (a timer refuses a second wait): kept across a wake-up by a change.
        Task? nextTick = null;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_current.Version > version)
                {
                    return _current;
                }

                changed = _changed.Task;
            }

            await SampleAsync(ct).ConfigureAwait(false);
            if (!changed.IsCompleted)
            {
                if (nextTick is null || nextTick.IsCompleted)
                {
                    nextTick = tick.WaitForNextTickAsync(ct).AsTask();
                }

                await Task.WhenAny(changed, nextTick).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Reads a snapshot unless another watcher did within the interval, and publishes it if it changed.</summary>
    private async Task SampleAsync(CancellationToken ct)
    {
        await _sampling.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_sampledAt != long.MinValue && time.GetElapsedTime(_sampledAt) < SampleInterval * 0.9)
            {
                return;
            }

            string text;
            try
            {
                var snapshot = await builder.BuildAsync(ct).ConfigureAwait(false);
                text = JsonSerializer.Serialize(snapshot, json.Value.SerializerOptions);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DashboardLog.SnapshotFailed(logger, ex);
                return;
            }
            finally
            {
                _sampledAt = time.GetTimestamp();
            }

            lock (_lock)
            {
                if (text == _current.Json)
                {
                    return;
                }

                _current = (_current.Version + 1, text);
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        finally
        {
            _sampling.Release();
        }
    }
}
