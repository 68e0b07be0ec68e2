namespace Hangar.Store.Copy;

/// <summary>
/// Copies an installation's whole state between stores (SQLite to PostgreSQL and back, or between two of a kind):
/// every table of <see cref="CopyCatalog"/>, read in one snapshot and written in one transaction, so the target holds
/// all of the source or, after any failure, what it held before. Both stores are first migrated to this build's
/// schema. Refused (<see cref="InvalidOperationException"/>) while a server uses either store, when both are the same,
/// when either holds a table or column this build does not copy, and when the target holds rows unless
/// <c>force</c> replaces them.
/// </summary>
public sealed class StoreCopier(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<StoreCopyResult> CopyAsync(StoreLocation from, StoreLocation to, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.SameAs(to))
        {
            throw new InvalidOperationException($"the source and the target are the same store ({from.Describe()})");
        }

        await using var source = Open(from, isSource: true);
        await using var target = Open(to, isSource: false);
        await source.EnsureNotServedAsync(_time.GetUtcNow(), cancellationToken);
        await target.EnsureNotServedAsync(_time.GetUtcNow(), cancellationToken);
        await source.MigrateAsync(cancellationToken);
        await target.MigrateAsync(cancellationToken);
        await EnsureCopiesEverythingAsync(source, postgres: from.Postgres is not null, cancellationToken);
        await EnsureCopiesEverythingAsync(target, postgres: to.Postgres is not null, cancellationToken);

        await source.BeginReadAsync(cancellationToken);
        await target.BeginWriteAsync(cancellationToken);
        var held = new List<TableCopied>();
        foreach (var table in CopyCatalog.Tables)
        {
            held.Add(new TableCopied(table.Name, await target.CountAsync(table, cancellationToken)));
        }

        var replaced = held.Sum(t => t.Rows);
        if (replaced > 0)
        {
            if (!force)
            {
                throw new InvalidOperationException(
                    $"the target {target.Description} is not empty ({string.Join(", ", held.Where(t => t.Rows > 0).Select(t => $"{t.Table}: {t.Rows}"))}); " +
                    "pass --force to replace everything it holds");
            }

            await target.ClearAsync(cancellationToken);
        }

        var copied = new List<TableCopied>();
        foreach (var table in CopyCatalog.Tables)
        {
            var written = await target.WriteAsync(table, source.ReadAsync(table, cancellationToken), cancellationToken);
            var stored = await target.CountAsync(table, cancellationToken);
            if (stored != written)
            {
                throw new InvalidOperationException($"{table.Name}: {written} rows were written to {target.Description} but it holds {stored}; nothing was committed");
            }

            copied.Add(new TableCopied(table.Name, written));
        }

        // A server that started meanwhile may have written after the snapshot: its writes would be missing.
        await source.EnsureNotServedAsync(_time.GetUtcNow(), cancellationToken);
        await target.EnsureNotServedAsync(_time.GetUtcNow(), cancellationToken);
        await target.CommitAsync(cancellationToken);
        return new StoreCopyResult { From = source.Description, To = target.Description, Tables = copied, Replaced = replaced };
    }

    private static ICopyEndpoint Open(StoreLocation location, bool isSource) => location.Sqlite is { } sqlite
        ? new SqliteCopyEndpoint(sqlite, mustExist: isSource)
        : new PostgresCopyEndpoint(location.Postgres!, location.Describe());

    private static async Task EnsureCopiesEverythingAsync(ICopyEndpoint endpoint, bool postgres, CancellationToken ct)
    {
        var unknown = CopyCatalog.Mismatches(await endpoint.SchemaAsync(ct), postgres);
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"this version of hangar cannot copy {endpoint.Description}: its schema has {string.Join(", ", unknown)} that the copy does not know");
        }
    }
}
