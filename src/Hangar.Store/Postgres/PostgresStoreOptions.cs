using Npgsql;

namespace Hangar.Store.Postgres;

public sealed record PostgresStoreOptions
{
    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Database=…;Username=…</c>). It may hold a password: it is never logged,
    /// and <see cref="ToString"/> leaves it out. Tables are created in the first schema of its search path.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>Where the store is, without credentials: <c>host:port/database</c>, for logs and messages.</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
    }

    // A record prints every property; this one holds a secret.
    public override string ToString() => $"{nameof(PostgresStoreOptions)} {{ {Describe()} }}";
}
