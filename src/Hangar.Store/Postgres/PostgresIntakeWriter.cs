using System.Threading.Channels;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// Group commit for job events: events that queue while a transaction is under way share the next one, so one WAL
/// flush and a few round trips (<see cref="PostgresIntakeBatch"/>) cover all of them. Each caller's task completes only
/// once the transaction holding its event committed, so a webhook is answered only after its event is durable. When a
/// batch fails on a row (a value the database refuses), its events run again one by one, so only the bad one fails.
/// </summary>
internal sealed class PostgresIntakeWriter : IAsyncDisposable, IDisposable
{
    // Bounds the statements one batch pipelines (two per event at most) and how long the first event waits for the rest.
    private const int MaxBatch = 128;

    // Batches in flight at once. One would leave the server's other cores idle while it waits on a round trip or the
    // WAL flush; concurrent batches serialize only where they touch the same rows (row locks, taken in key order).
    private const int Writers = 4;

    private readonly Channel<PostgresPendingEvent> _queue = Channel.CreateUnbounded<PostgresPendingEvent>(new UnboundedChannelOptions());
    private readonly PostgresDatabase _database;
    private readonly Task _writers;

    public PostgresIntakeWriter(PostgresDatabase database)
    {
        _database = database;
        _writers = Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync)));
    }

    public Task<JobEventOutcome> RecordAsync(JobEvent jobEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<JobEventOutcome>(cancellationToken);
        }

        var pending = new PostgresPendingEvent(jobEvent, now, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgresIntakeWriter));
        }

        return pending.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PostgresPendingEvent>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Fail(new OperationCanceledException(pending.CancellationToken));
                }
                else
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
    }

    private async Task CommitAsync(List<PostgresPendingEvent> batch)
    {
        try
        {
            var outcomes = await RecordAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Committed(outcomes[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && IsAboutARow(ex))
        {
            foreach (var pending in batch)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }
        }
    }

    // Never cancelled: a batch serves several callers, and one giving up must not undo the others' events. Never fenced:
    // every replica takes in events, and these loops may have been started from a fenced flow. A batch that changed a
    // job tells every replica (the pool's owner may be another one) as it commits (the notification goes with the batch's statements).
    private Task<JobEventOutcome[]> RecordAsync(List<PostgresPendingEvent> batch) =>
        _database.WriteUnfencedAsync(
            (connection, ct) => PostgresIntakeBatch.RecordAsync(connection, [.. batch.Select(p => (p.Event, p.Now))], ct), CancellationToken.None);

    /// <summary>The database refused a value or a row (data, constraint, limits), not the connection or the server.</summary>
    private static bool IsAboutARow(Exception exception) =>
        exception is PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal) || state.StartsWith("54", StringComparison.Ordinal));

    /// <summary>Events already queued still commit; later ones are refused.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writers.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writers;
    }
}
