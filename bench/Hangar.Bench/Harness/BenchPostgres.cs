using Hangar.Configuration;
using Npgsql;

namespace Hangar.Bench.Harness;

/// <summary>
/// The PostgreSQL server the bench measures the PostgreSQL store on, when one is named: <c>HANGAR_BENCH_POSTGRES</c>,
/// else <c>HANGAR_TEST_POSTGRES</c> (what eng/start-postgres.sh publishes). Each round gets a schema of its own.
/// </summary>
internal static class BenchPostgres
{
    public const string SecretName = "bench-postgres";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable("HANGAR_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("HANGAR_TEST_POSTGRES") is { Length: > 0 } test ? test
        : null;

    public static StoreConfig Store { get; } = new() { Type = StoreConfig.PostgresType, ConnectionString = new SecretRef(SecretName) };

    /// <summary>A fresh schema; the connection string works in it only. Dropped by disposing the result.</summary>
    public static async Task<Schema> CreateSchemaAsync(string server, CancellationToken ct)
    {
        var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE SCHEMA {name};", ct).ConfigureAwait(false);
        return new Schema(server, name, new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ConnectionString);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    internal sealed record Schema(string Server, string Name, string ConnectionString) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await ExecuteAsync(Server, $"DROP SCHEMA {Name} CASCADE;", CancellationToken.None).ConfigureAwait(false);
    }
}
