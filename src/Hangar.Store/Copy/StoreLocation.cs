using Hangar.Store.Postgres;
using Hangar.Store.Sqlite;
using Npgsql;

namespace Hangar.Store.Copy;

/// <summary>Where an installation keeps its state: one SQLite file, or one schema of a PostgreSQL database.</summary>
public sealed record StoreLocation
{
    public SqliteStoreOptions? Sqlite { get; private init; }

    public PostgresStoreOptions? Postgres { get; private init; }

    public static StoreLocation Of(SqliteStoreOptions sqlite) => new() { Sqlite = sqlite ?? throw new ArgumentNullException(nameof(sqlite)) };

    public static StoreLocation Of(PostgresStoreOptions postgres) => new() { Postgres = postgres ?? throw new ArgumentNullException(nameof(postgres)) };

    /// <summary>For messages: the file, or the database and schema without credentials.</summary>
    public string Describe() => Sqlite is { } sqlite
        ? "sqlite:" + Path.GetFullPath(sqlite.Path)
        : Postgres!.Describe() + (SearchPath is { Length: > 0 } path ? $" (search path {path})" : "");

    /// <summary>True when both name the same file, or the same database and search path on the same server.</summary>
    public bool SameAs(StoreLocation other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Sqlite is { } a && other.Sqlite is { } b)
        {
            return string.Equals(Path.GetFullPath(a.Path), Path.GetFullPath(b.Path), StringComparison.Ordinal);
        }

        return Postgres is not null && other.Postgres is not null
            && string.Equals(Postgres.Describe(), other.Postgres.Describe(), StringComparison.Ordinal)
            && string.Equals(SearchPath, other.SearchPath, StringComparison.Ordinal);
    }

    // A record prints every property; the PostgreSQL options hold a secret.
    public override string ToString() => Describe();

    private string? SearchPath => Postgres is null ? null : new NpgsqlConnectionStringBuilder(Postgres.ConnectionString).SearchPath;
}
