using Hangar.Testing.Storage;

namespace Hangar.Store.Tests.Postgres;

/// <summary>What the tests look up in the test server's own views.</summary>
internal static class PostgresTestServerQueries
{
    /// <summary>Sessions named <paramref name="applicationName"/> waiting for a lock another transaction holds.</summary>
    public static Task<object?> CountWaitingOnLocksAsync(string applicationName) => PostgresTestServer.ExecuteAsync(
        PostgresTestServer.ConnectionString,
        $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{applicationName}' AND wait_event_type = 'Lock';");
}
