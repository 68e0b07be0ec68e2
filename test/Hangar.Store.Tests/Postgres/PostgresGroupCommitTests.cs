using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Postgres;
using Hangar.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Hangar.Store.Tests.Postgres;

/// <summary>Job events queued together share one transaction, yet each gets the outcome it would get alone.</summary>
public sealed class PostgresGroupCommitTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly PostgresStoreBackend _backend = new();
    private readonly PostgresStoreBackend _sequential = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _sequential.DisposeAsync();
    }

    private static JobEvent Event(long id, JobStatus status, string? delivery = null) => new()
    {
        Forge = "github",
        JobId = id,
        Status = status,
        Repository = "acme/app",
        Labels = ["self-hosted"],
        DeliveryId = delivery,
    };

    /// <summary>Events over a few jobs in every order: repeated deliveries, late events, gaps filled, re-runs.</summary>
    private static List<(JobEvent Event, DateTimeOffset Now)> Mixed(int count, int jobs = 7)
    {
        var random = new Random(20261122);
        var statuses = Enum.GetValues<JobStatus>();
        return [.. Enumerable.Range(0, count).Select(i => (Event(random.Next(1, jobs + 1), statuses[random.Next(statuses.Length)], random.Next(4) == 0 ? null : $"d{random.Next(count / 2)}") with
        {
            Attempt = random.Next(3) == 0 ? 1 : 0,
            RunnerName = random.Next(3) == 0 ? $"r{random.Next(5)}" : null,
            Conclusion = random.Next(4) == 0 ? "success" : null,
            Labels = random.Next(5) == 0 ? [] : ["self-hosted", $"l{random.Next(3)}"],
            Name = random.Next(2) == 0 ? null : "build",
        }, T0.AddMilliseconds(i * 7)))];
    }

    // 7 jobs: every job has many events in the batch (the general path). 300 jobs: most events are alone with their job
    // and delivery (one statement each, issue 17 item 4), beside jobs with several events, repeated deliveries and
    // events for jobs an earlier statement of the same batch created.
    [Theory]
    [InlineData(7)]
    [InlineData(300)]
    public async Task RecordAsync_OneBatchOfMixedEvents_SameOutcomesAndRowsAsRecordingThemOneByOne(int jobs)
    {
        var events = Mixed(400, jobs);
        var batched = await _backend.OpenAsync();
        var alone = await _sequential.OpenAsync();
        await batched.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        await alone.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        await using var batchDatabase = new PostgresDatabase(new PostgresStoreOptions { ConnectionString = _backend.Schema.ConnectionString }, TimeProvider.System, NullLogger.Instance);
        await using var aloneDatabase = new PostgresDatabase(new PostgresStoreOptions { ConnectionString = _sequential.Schema.ConnectionString }, TimeProvider.System, NullLogger.Instance);

        var together = await batchDatabase.WriteAsync((c, ct) => PostgresIntakeBatch.RecordAsync(c, events, ct), Ct).WaitAsync(Timeout, Ct);
        var oneByOne = new List<JobEventOutcome>();
        foreach (var e in events)
        {
            oneByOne.AddRange(await aloneDatabase.WriteAsync((c, ct) => PostgresIntakeBatch.RecordAsync(c, [e], ct), Ct).WaitAsync(Timeout, Ct));
        }

        together.ShouldBe(oneByOne);
        together.Distinct().Count().ShouldBe(4);
        var rows = await batched.ListJobsAsync(new JobQuery(), Ct).WaitAsync(Timeout, Ct);
        rows.ShouldBeEquivalentTo(await alone.ListJobsAsync(new JobQuery(), Ct).WaitAsync(Timeout, Ct));
        (await _backend.Schema.ExecuteAsync("SELECT count(*) FROM deliveries;"))
            .ShouldBe(await _sequential.Schema.ExecuteAsync("SELECT count(*) FROM deliveries;"));
    }

    [Fact]
    public async Task RecordJobEventAsync_ConcurrentEventsOneHoldingAValueTheDatabaseRefuses_OnlyThatOneFails()
    {
        var store = await _backend.OpenAsync();
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);

        // PostgreSQL text cannot hold NUL: the one event that carries it is refused, the batch it shared is not.
        var writes = Enumerable.Range(1, 200)
            .Select(i => store.RecordJobEventAsync(Event(i, JobStatus.Queued, $"d{i}") with { Name = i == 77 ? "bad\0name" : "build" }, T0, Ct))
            .ToArray();

        for (var i = 0; i < writes.Length; i++)
        {
            if (i + 1 == 77)
            {
                await Should.ThrowAsync<PostgresException>(writes[i].WaitAsync(Timeout, Ct));
            }
            else
            {
                (await writes[i].WaitAsync(Timeout, Ct)).ShouldBe(JobEventOutcome.Created);
            }
        }

        var stored = await store.ListJobsAsync(new JobQuery(), Ct).WaitAsync(Timeout, Ct);
        stored.Select(j => j.Id).ShouldBe(Enumerable.Range(1, 200).Where(i => i != 77).Select(i => (long)i));
        (await store.RecordJobEventAsync(Event(77, JobStatus.Queued, "d77"), T0, Ct).WaitAsync(Timeout, Ct)).ShouldBe(JobEventOutcome.Created);
    }

    [Fact]
    public async Task RecordJobEventAsync_AnotherReplicaCreatesTheJobMeanwhile_MergesIntoItsRow()
    {
        var application = "hangar-race-" + Guid.NewGuid().ToString("N");
        var store = await _backend.OpenAsync(cs => new NpgsqlConnectionStringBuilder(cs) { ApplicationName = application }.ConnectionString);
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);

        // The other replica's transaction has created job 1 and not committed: the store reads no row, and its
        // insert waits for that transaction.
        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_backend.Schema.ConnectionString) { Pooling = false }.ConnectionString);
        await other.OpenAsync(Ct);
        await using var transaction = await other.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO jobs (forge, id, attempt, status, repository, labels, run_id, received_at, queued_at, updated_at) " +
            "VALUES ('github', 1, 0, 1, 'acme/app', '{self-hosted}', 42, $1, $1, $1);", other, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = T0 });
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var recording = store.RecordJobEventAsync(Event(1, JobStatus.InProgress, "d2") with { RunnerName = "r1" }, T0.AddSeconds(5), Ct);
        await Poll.UntilAsync(
            async () => (long)(await PostgresTestServerQueries.CountWaitingOnLocksAsync(application))! > 0,
            Timeout, "the store's insert to wait for the other transaction", Ct);
        await transaction.CommitAsync(Ct);

        (await recording.WaitAsync(Timeout, Ct)).ShouldBe(JobEventOutcome.Updated);
        var job = (await store.GetJobAsync(new JobKey("github", 1), Ct).WaitAsync(Timeout, Ct)).ShouldNotBeNull();
        (job.Status, job.RunnerName, job.RunId, job.QueuedAt, job.StartedAt).ShouldBe((JobStatus.InProgress, "r1", 42L, T0, T0.AddSeconds(5)));
    }
}
