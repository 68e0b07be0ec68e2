using Hangar.Cli.Traces;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Store.Sqlite;

namespace Hangar.Cli.Tests.Traces;

/// <summary>The export reads a real store; the file it writes reads back as the same records.</summary>
public sealed class TraceExportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-trace-").FullName;
    private SqliteStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_directory, "hangar.db") });
        await _store.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact(Timeout = 60_000)]
    public async Task ReadAsync_JobsAndInstances_WithTheirTimes()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, ct);
        await _store.SetJobRouteAsync(new JobKey("github", 1), "linux", null, T0.AddSeconds(1), ct);
        await _store.RecordJobEventAsync(Event(1, JobStatus.InProgress, "r1"), T0.AddSeconds(40), ct);
        await _store.RecordJobEventAsync(Event(1, JobStatus.Completed, "r1"), T0.AddSeconds(100), ct);
        await _store.RecordJobEventAsync(Event(2, JobStatus.Queued), T0.AddHours(-30), ct);
        await _store.InsertInstanceAsync(new Instance { Name = "r1", Pool = "linux", Provider = "docker", State = InstanceState.Pending, CreatedAt = T0.AddSeconds(2), StateChangedAt = T0.AddSeconds(2) }, "planned: demand", ct);
        await _store.TransitionAsync("r1", InstanceState.Provisioning, "create", T0.AddSeconds(3), cancellationToken: ct);
        await _store.TransitionAsync("r1", InstanceState.Booting, "created", T0.AddSeconds(5), cancellationToken: ct);
        await _store.TransitionAsync("r1", InstanceState.Idle, "online", T0.AddSeconds(35), cancellationToken: ct);
        await _store.TransitionAsync("r1", InstanceState.Busy, "took job", T0.AddSeconds(40), cancellationToken: ct);
        await _store.TransitionAsync("r1", InstanceState.Draining, "done", T0.AddSeconds(100), cancellationToken: ct);
        await _store.TransitionAsync("r1", InstanceState.Deleting, "ephemeral", T0.AddSeconds(101), cancellationToken: ct);
        await _store.TransitionAsync("r1", InstanceState.Deleted, "gone", T0.AddSeconds(104), cancellationToken: ct);

        var records = new List<TraceRecord>();
        await foreach (var record in new TraceExport(_store).ReadAsync(T0.AddHours(-1), ct))
        {
            records.Add(record);
        }

        records.Count.ShouldBe(2);
        var job = records[0];
        (job.Kind, job.Pool, job.Queued, job.Started, job.Completed).ShouldBe((TraceRecord.JobKind, "linux", T0, T0.AddSeconds(40), T0.AddSeconds(100)));
        job.Labels.ShouldBe(["self-hosted", "linux"]);
        job.RunTime.ShouldBe(TimeSpan.FromSeconds(60));
        job.Received.ShouldBe(T0);
        var instance = records[1];
        (instance.Kind, instance.Name, instance.Created, instance.Online, instance.Deleted).ShouldBe((TraceRecord.InstanceKind, "r1", T0.AddSeconds(2), T0.AddSeconds(35), T0.AddSeconds(104)));
        instance.BootTime.ShouldBe(TimeSpan.FromSeconds(33));
        (instance.Provisioning, instance.Booting, instance.FirstJob, instance.Deleting).ShouldBe((T0.AddSeconds(3), T0.AddSeconds(5), T0.AddSeconds(40), T0.AddSeconds(101)));

        var path = Path.Combine(_directory, "trace.jsonl");
        await using (var writer = new StreamWriter(path))
        {
            TraceFile.Write(writer, records);
        }

        TraceFile.Read(path).ShouldBe(records, ignoreOrder: false, comparer: new RecordComparer());
    }

    [Fact]
    public void Read_BadLine_NamesFileAndLine()
    {
        var path = Path.Combine(_directory, "bad.jsonl");
        File.WriteAllLines(path, ["{\"kind\":\"job\",\"queued\":\"2026-01-05T09:00:00Z\",\"duration\":5}", "{\"kind\":\"job\",\"queued\":\"2026-01-05T09:00:00Z\"}"]);

        Should.Throw<InvalidDataException>(() => TraceFile.Read(path)).Message.ShouldBe($"{path}:2: a job needs 'queued' and either 'started' and 'completed' or 'duration'");
    }

    private static Hangar.Core.Jobs.JobEvent Event(long id, JobStatus status, string? runner = null) => new()
    {
        Forge = "github",
        JobId = id,
        Status = status,
        Repository = "acme/app",
        Owner = "acme",
        Labels = ["self-hosted", "linux"],
        RunnerName = runner,
    };

    private sealed class RecordComparer : IEqualityComparer<TraceRecord>
    {
        public bool Equals(TraceRecord? x, TraceRecord? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.Pool == y.Pool && x.Queued == y.Queued && x.Started == y.Started
            && x.Completed == y.Completed && x.Created == y.Created && x.Online == y.Online && x.Deleted == y.Deleted
            && x.Received == y.Received && x.Provisioning == y.Provisioning && x.Booting == y.Booting && x.FirstJob == y.FirstJob
            && x.Deleting == y.Deleting
            && (x.Labels ?? []).SequenceEqual(y.Labels ?? []);

        public int GetHashCode(TraceRecord obj) => obj.Kind.GetHashCode(StringComparison.Ordinal);
    }
}
