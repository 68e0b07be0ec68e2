using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Core.ScaleSets;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Demand;

/// <summary>
/// GitHub's runner scale-set listener for one pool (reference sections 6.3–6.4): get or create the scale set, open a
/// session, long-poll, and hand each message to <see cref="ScaleSetMessageHandler"/>. Every failure mode is recovered
/// in-process, never by exiting: 409 on create (a stale session) is retried with jitter until it expires; a refused
/// queue token refreshes the session; a forgotten session or an empty queue URL gets a new session; a vanished scale set
/// is registered again under the same name (the pool's state stays); anything else backs off and tries again. One
/// listener per scale set: it runs under its <see cref="DemandSourceHost"/>, which is where a cluster lease gates it.
/// </summary>
internal sealed class ScaleSetListener(
    PoolSpec pool,
    IScaleSetService service,
    ScaleSetMessageHandler handler,
    IStore store,
    ScaleSetOptions options,
    ScaleSetMetrics metrics,
    TimeProvider time,
    ILogger logger) : IDemandSource
{
    private readonly ScaleSetSpec _spec = ScaleSetSpec.For(pool);
    private readonly string _owner = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The lease this source would run under: one listener per forge and scale set in a cluster.</summary>
    public string Name => $"scaleset:{pool.Forge}/{_spec.Name}";

    public async Task RunAsync(IJobEventSink sink, CancellationToken cancellationToken)
    {
        var cursor = await store.GetScaleSetCursorAsync(pool.Forge, pool.Name, cancellationToken).ConfigureAwait(false);
        var lastMessageId = cursor?.LastMessageId ?? 0;
        var scaleSetId = await RegisterAsync(cursor?.ScaleSetId, cancellationToken).ConfigureAwait(false);
        if (scaleSetId != cursor?.ScaleSetId)
        {
            lastMessageId = 0;
        }

        var session = await OpenAsync(scaleSetId, lastMessageId, cancellationToken).ConfigureAwait(false);
        try
        {
            var backoff = new ScaleSetBackoff(options.ErrorBackoffFirst, options.ErrorBackoffMax);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var message = await service.GetMessageAsync(session, lastMessageId, pool.MaxRunners, cancellationToken).ConfigureAwait(false);
                    if (message is not null)
                    {
                        await handler.HandleAsync(service, pool, session, message, lastMessageId, sink, Name, cancellationToken).ConfigureAwait(false);
                        lastMessageId = message.MessageId;
                    }

                    backoff.Reset();
                }
                catch (ScaleSetQueueUnauthorizedException)
                {
                    session = await RefreshAsync(session, lastMessageId, cancellationToken).ConfigureAwait(false);
                    scaleSetId = session.ScaleSetId;
                }
                catch (ScaleSetNotFoundException)
                {
                    DemandLog.ScaleSetReregistering(logger, Name, session.ScaleSetId);
                    scaleSetId = await RegisterAsync(null, cancellationToken).ConfigureAwait(false);
                    session = await OpenAsync(scaleSetId, lastMessageId = 0, cancellationToken).ConfigureAwait(false);
                }
                catch (ForgeException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    await WaitAsync(backoff.Next(), ex.Message, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await DeleteSessionAsync(session).ConfigureAwait(false);
        }
    }

    /// <summary>Get or create the scale set by name, retrying until it works; its id changes only when GitHub lost it.</summary>
    private async Task<long> RegisterAsync(long? known, CancellationToken ct)
    {
        var backoff = new ScaleSetBackoff(options.ErrorBackoffFirst, options.ErrorBackoffMax);
        while (true)
        {
            try
            {
                var info = await service.EnsureScaleSetAsync(_spec, ct).ConfigureAwait(false);
                if (known is { } old && old != info.Id)
                {
                    DemandLog.ScaleSetReregistering(logger, Name, old);
                }

                return info.Id;
            }
            catch (ForgeException ex) when (!ct.IsCancellationRequested)
            {
                await WaitAsync(backoff.Next(), ex.Message, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A usable session: 409 waits out the stale one (logged once, then once more as an error past the alert
    /// time), an empty queue URL is deleted and replaced, a vanished scale set is registered again.</summary>
    private async Task<ScaleSetSession> OpenAsync(long scaleSetId, long lastMessageId, CancellationToken ct)
    {
        var backoff = new ScaleSetBackoff(options.ErrorBackoffFirst, options.ErrorBackoffMax);
        var conflictSince = (DateTimeOffset?)null;
        var alerted = false;
        while (true)
        {
            try
            {
                var session = await service.CreateSessionAsync(_spec, scaleSetId, _owner, ct).ConfigureAwait(false);
                if (session.MessageQueueUrl.Scheme is not ("http" or "https") || session.MessageQueueAccessToken.Length == 0)
                {
                    DemandLog.ScaleSetEmptyQueueUrl(logger, Name, session.SessionId);
                    await DeleteSessionAsync(session).ConfigureAwait(false);
                    await WaitAsync(backoff.Next(), "empty messageQueueUrl", ct).ConfigureAwait(false);
                    continue;
                }

                DemandLog.ScaleSetListening(logger, Name, scaleSetId, session.SessionId, lastMessageId);
                if (session.Statistics is { } statistics)
                {
                    await handler.SaveStatisticsAsync(pool, scaleSetId, lastMessageId, statistics, ct).ConfigureAwait(false);
                }

                await handler.ReacquireAsync(service, pool, session, Name, ct).ConfigureAwait(false);
                return session;
            }
            catch (ScaleSetSessionConflictException)
            {
                metrics.SessionConflict(pool.Name);
                var now = time.GetUtcNow();
                conflictSince ??= now;
                if (now == conflictSince)
                {
                    DemandLog.ScaleSetSessionConflict(logger, Name, options.ConflictRetryMin, options.ConflictRetryMax);
                }
                else if (!alerted && now - conflictSince >= options.ConflictAlertAfter)
                {
                    alerted = true;
                    DemandLog.ScaleSetSessionConflictPersists(logger, Name, now - conflictSince.Value);
                }

                await Task.Delay(ScaleSetBackoff.Jittered(options.ConflictRetryMin, options.ConflictRetryMax), time, ct).ConfigureAwait(false);
            }
            catch (ScaleSetNotFoundException)
            {
                DemandLog.ScaleSetReregistering(logger, Name, scaleSetId);
                scaleSetId = await RegisterAsync(null, ct).ConfigureAwait(false);
                lastMessageId = 0;
            }
            catch (ForgeException ex) when (!ct.IsCancellationRequested)
            {
                await WaitAsync(backoff.Next(), ex.Message, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>After a refused queue token: a new token for the same session, or, when GitHub forgot the session, a new one.</summary>
    private async Task<ScaleSetSession> RefreshAsync(ScaleSetSession session, long lastMessageId, CancellationToken ct)
    {
        try
        {
            var refreshed = await service.RefreshSessionAsync(session, ct).ConfigureAwait(false);
            DemandLog.ScaleSetSessionRefreshed(logger, Name, session.SessionId);
            return refreshed;
        }
        catch (ScaleSetSessionNotFoundException ex)
        {
            DemandLog.ScaleSetSessionRecreated(logger, Name, session.SessionId, ex.Message);
            return await OpenAsync(session.ScaleSetId, lastMessageId, ct).ConfigureAwait(false);
        }
        catch (ScaleSetNotFoundException)
        {
            DemandLog.ScaleSetReregistering(logger, Name, session.ScaleSetId);
            return await OpenAsync(await RegisterAsync(null, ct).ConfigureAwait(false), 0, ct).ConfigureAwait(false);
        }
    }

    /// <summary>On the way out: the session is deleted so the next listener (this one restarted, or another replica)
    /// does not wait for it to expire. Bounded, since shutdown is under way.</summary>
    private async Task DeleteSessionAsync(ScaleSetSession session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        try
        {
            await service.DeleteSessionAsync(session, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ForgeException or OperationCanceledException)
        {
            DemandLog.ScaleSetSessionDeleteFailed(logger, Name, ex.Message);
        }
    }

    private async Task WaitAsync(TimeSpan delay, string error, CancellationToken ct)
    {
        DemandLog.ScaleSetCallFailed(logger, Name, delay, error);
        await Task.Delay(delay, time, ct).ConfigureAwait(false);
    }
}
