namespace Hangar.Store.Copy;

/// <summary>
/// One store as <see cref="StoreCopier"/> sees it, below <see cref="Core.Storage.IStore"/>: whole tables, read in
/// one consistent snapshot (as a source) or written in one transaction (as a target). Every value is in the form
/// <see cref="CopyColumnKind"/> names, whatever the store keeps.
/// </summary>
internal interface ICopyEndpoint : IAsyncDisposable
{
    string Description { get; }

    /// <summary>Refuses (<see cref="InvalidOperationException"/>) when a server uses the store, and keeps servers
    /// out until disposed where the store allows it (SQLite's server lock).</summary>
    Task EnsureNotServedAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Each table of the store with its columns.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> SchemaAsync(CancellationToken cancellationToken);

    /// <summary>Starts the snapshot every <see cref="ReadAsync"/> reads from.</summary>
    Task BeginReadAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<object?[]> ReadAsync(CopyTable table, CancellationToken cancellationToken);

    /// <summary>Starts the transaction every write below joins; nothing is visible before <see cref="CommitAsync"/>.</summary>
    Task BeginWriteAsync(CancellationToken cancellationToken);

    Task<long> CountAsync(CopyTable table, CancellationToken cancellationToken);

    /// <summary>Deletes every row of every table in <see cref="CopyCatalog"/>.</summary>
    Task ClearAsync(CancellationToken cancellationToken);

    /// <summary>Writes the rows and returns how many.</summary>
    Task<long> WriteAsync(CopyTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
