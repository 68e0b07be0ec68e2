using Npgsql;

namespace Hangar.Testing.Storage;

/// <summary>
/// The PostgreSQL server the tests run against: the one eng/start-postgres.sh starts (eng/test.sh and CI run it), named
/// by <c>HANGAR_TEST_POSTGRES</c>. Tests never skip without it: they fail and say how to start it. Each test gets a
/// schema of its own in one shared database (<see cref="Database"/>), made in milliseconds where a database costs a
/// checkpoint to drop, so tests run in parallel without seeing each other's rows.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "HANGAR_TEST_POSTGRES";

    /// <summary>The database holding every test's schema; created on first use, kept between runs.</summary>
    public const string Database = "hangar_tests";

    private static readonly Lazy<Task<string>> SharedDatabase = new(CreateDatabaseAsync);

    /// <summary>The server's administrative connection string (database <c>postgres</c>).</summary>
    /// <exception cref="InvalidOperationException">The variable is not set: the server was not started.</exception>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL server. Start one with `bash eng/start-postgres.sh`, then " +
                $"export {Variable}=\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\" (eng/test.sh does both)");

    /// <summary>A new, empty schema; the returned connection string creates and reads tables there only.</summary>
    /// <param name="applicationName">Names the connections made with it, so a test can find (and terminate) its own.</param>
    public static async Task<PostgresTestSchema> CreateSchemaAsync(string? applicationName = null)
    {
        var database = await SharedDatabase.Value;
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(database, $"CREATE SCHEMA {schema};");
        var connectionString = new NpgsqlConnectionStringBuilder(database)
        {
            SearchPath = schema,
            ApplicationName = applicationName ?? schema,
        }.ConnectionString;
        return new PostgresTestSchema(schema, connectionString, database);
    }

    /// <summary>Runs <paramref name="sql"/> on a connection of its own (not pooled) to <paramref name="connectionString"/>.</summary>
    public static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<string> CreateDatabaseAsync()
    {
        try
        {
            await ExecuteAsync(ConnectionString, $"CREATE DATABASE {Database};");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Made by an earlier run, or by another test process just now.
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = Database }.ConnectionString;
    }
}
