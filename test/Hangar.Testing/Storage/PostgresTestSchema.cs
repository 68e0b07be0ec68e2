namespace Hangar.Testing.Storage;

/// <summary>One test's schema on the test server (<see cref="PostgresTestServer"/>); disposing drops it with everything in it.</summary>
public sealed class PostgresTestSchema(string name, string connectionString, string databaseConnectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>Connects to the test database with this schema as the search path.</summary>
    public string ConnectionString { get; } = connectionString;

    public Task<object?> ExecuteAsync(string sql) => PostgresTestServer.ExecuteAsync(ConnectionString, sql);

    public async ValueTask DisposeAsync() => await PostgresTestServer.ExecuteAsync(databaseConnectionString, $"DROP SCHEMA IF EXISTS {Name} CASCADE;");
}
