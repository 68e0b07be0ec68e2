using Hangar.Store.Sqlite;

namespace Hangar.Configuration;

/// <summary><c>store</c>: which store, with that store's own options.</summary>
public sealed record StoreConfig
{
    public const string SqliteType = "sqlite";
    public const string PostgresType = "postgres";

    /// <summary><see cref="SqliteType"/> (default) or <see cref="PostgresType"/>.</summary>
    public string Type { get; init; } = SqliteType;

    /// <summary>The SQLite store's options. Null in a configuration built in code: the host then uses
    /// <c>{data_dir}/hangar.db</c>, as the loader does when <c>store.path</c> is not set.</summary>
    public SqliteStoreOptions? Sqlite { get; init; }

    /// <summary>The PostgreSQL store's Npgsql connection string (a secret: it may hold a password). Resolved when the
    /// host composes the store, so a missing secret is reported with every place that was searched.</summary>
    public SecretRef? ConnectionString { get; init; }
}
