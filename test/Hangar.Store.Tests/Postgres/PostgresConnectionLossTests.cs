using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Postgres;
using Hangar.Testing.Storage;
using Npgsql;

namespace Hangar.Store.Tests.Postgres;

/// <summary>A pooled connection whose server process is gone (terminated, restarted): the store's next call reconnects.</summary>
public sealed class PostgresConnectionLossTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly PostgresStoreBackend _backend = new();
    private readonly string _application = "hangar-loss-" + Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    private static JobEvent Queued(long id) => new()
    {
        Forge = "github",
        JobId = id,
        Status = JobStatus.Queued,
        Repository = "acme/app",
        Labels = ["self-hosted"],
        DeliveryId = $"d{id}",
    };

    /// <summary>The one pooled connection's server process and how many statements it holds prepared.</summary>
    private static async Task<(int Pid, long Prepared)> InspectAsync(PostgresStore store)
    {
        await using var command = store.DataSource.CreateCommand("SELECT pg_backend_pid(), (SELECT count(*) FROM pg_prepared_statements);");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    private async Task TerminateAsync()
    {
        // By application name: other tests' connections to the same database are left alone.
        var terminated = await PostgresTestServer.ExecuteAsync(
            PostgresTestServer.ConnectionString,
            $"SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE application_name = '{_application}';");
        terminated.ShouldBe(1L);
    }

    [Fact]
    public async Task Calls_AfterThePooledConnectionIsTerminated_SucceedOnANewConnectionWithStatementsPreparedAgain()
    {
        var store = await _backend.OpenAsync(cs => new NpgsqlConnectionStringBuilder(cs) { MaxPoolSize = 1, ApplicationName = _application }.ConnectionString);
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        for (var id = 1; id <= 3; id++)
        {
            await store.RecordJobEventAsync(Queued(id), T0, Ct).WaitAsync(Timeout, Ct);
        }

        var before = await InspectAsync(store);
        before.Prepared.ShouldBeGreaterThan(0);

        await TerminateAsync();

        // The very next write lands: the lost connection failed it before anything was committed, so it ran again.
        (await store.RecordJobEventAsync(Queued(4), T0, Ct).WaitAsync(Timeout, Ct)).ShouldBe(JobEventOutcome.Created);
        for (var id = 5; id <= 6; id++)
        {
            await store.RecordJobEventAsync(Queued(id), T0, Ct).WaitAsync(Timeout, Ct);
        }

        var after = await InspectAsync(store);
        after.Pid.ShouldNotBe(before.Pid);
        after.Prepared.ShouldBeGreaterThan(0);
        (await store.ListJobsAsync(new JobQuery(), Ct).WaitAsync(Timeout, Ct)).Select(j => j.Id).ShouldBe([1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public async Task Reads_AfterThePooledConnectionIsTerminated_Succeed()
    {
        var store = await _backend.OpenAsync(cs => new NpgsqlConnectionStringBuilder(cs) { MaxPoolSize = 1, ApplicationName = _application }.ConnectionString);
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        await store.RecordJobEventAsync(Queued(1), T0, Ct).WaitAsync(Timeout, Ct);

        await TerminateAsync();

        (await store.GetJobAsync(new JobKey("github", 1), Ct).WaitAsync(Timeout, Ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Queued);
    }
}
