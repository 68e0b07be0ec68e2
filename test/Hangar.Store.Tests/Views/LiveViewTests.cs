using System.Text.Json;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Sqlite;
using Hangar.Store.Views;
using Shouldly;

namespace Hangar.Store.Tests.Views;

/// <summary>
/// The in-memory view of live instances and open jobs (issue 17 item 3) holds exactly what the store holds: after a
/// burst of concurrent writes, after a restart, and — once told through <see cref="IStoreChangeSignal"/> — after writes
/// made through a second store instance on the same database.
/// </summary>
public sealed class LiveViewTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-live-view-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteStoreOptions Options => new() { Path = Path.Combine(_directory, "hangar.db") };

    [Fact]
    public async Task ReadAsync_AfterABurstOfConcurrentWrites_EqualsTheStore()
    {
        await using var store = await OpenAsync();
        (await store.View.ReadAsync(Ct)).Instances.ShouldBeEmpty();

        await BurstAsync(store, 0);

        await ShouldEqualStoreAsync(store);
    }

    [Fact]
    public async Task ReadAsync_AfterARestart_EqualsTheStore()
    {
        await using (var before = await OpenAsync())
        {
            await BurstAsync(before, 0);
            await before.View.ReadAsync(Ct);
        }

        await using var after = await OpenAsync();

        await ShouldEqualStoreAsync(after);
    }

    [Fact]
    public async Task ReadAsync_WritesThroughASecondStoreSignalled_EqualsTheStore()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await BurstAsync(first, 0);
        await first.View.ReadAsync(Ct);

        await BurstAsync(second, 1_000);
        var live = await second.ListInstancesAsync(InstanceQuery.Live, Ct);
        first.View.InstancesChanged(live.Select(i => i.Name));
        first.View.JobsChanged(Enumerable.Range(0, 40).Select(i => new JobKey("github", 1_000 + i)));

        await ShouldEqualStoreAsync(first);

        // A write the signal did not name is caught by a whole reload.
        await second.TransitionAsync(live[0].Name, InstanceState.Failed, "elsewhere", T0, cancellationToken: Ct);
        first.View.AllChanged();
        await ShouldEqualStoreAsync(first);
    }

    [Fact]
    public async Task ReadAsync_NothingWritten_SameVersion()
    {
        await using var store = await OpenAsync();
        await BurstAsync(store, 0);
        var before = await store.View.ReadAsync(Ct);

        var again = await store.View.ReadAsync(Ct);

        again.Version.ShouldBe(before.Version);
        await store.RecordJobEventAsync(Event(5_000, JobStatus.Queued), T0, Ct);
        (await store.View.ReadAsync(Ct)).Version.ShouldNotBe(before.Version);
    }

    /// <summary>Concurrent writes of every kind the engine makes: events, routes, intents, moves up to deleted.</summary>
    private static async Task BurstAsync(IStore store, long firstJob)
    {
        var writes = Enumerable.Range(0, 40).Select(async i =>
        {
            var id = firstJob + i;
            var name = $"r{id}";
            await store.RecordJobEventAsync(Event(id, JobStatus.Queued), T0, Ct);
            await store.StorePlanAsync([new JobRouteWrite(new JobKey("github", id), "linux", null)], [Intent(name)], "planned", T0, Ct);
            await store.TransitionAsync(name, InstanceState.Provisioning, "p", T0, cancellationToken: Ct);
            await store.TransitionAsync(name, InstanceState.Booting, "b", T0, cancellationToken: Ct);
            if (i % 2 == 0)
            {
                await store.RecordJobEventAsync(Event(id, JobStatus.InProgress) with { RunnerName = name }, T0, Ct);
                await store.TransitionAsync(name, InstanceState.Busy, "took", T0, cancellationToken: Ct);
            }

            if (i % 4 == 0)
            {
                await store.RecordJobEventAsync(Event(id, JobStatus.Completed) with { RunnerName = name }, T0, Ct);
                foreach (var state in new[] { InstanceState.Draining, InstanceState.Deleting, InstanceState.Deleted })
                {
                    await store.TransitionAsync(name, state, "done", T0, cancellationToken: Ct);
                }
            }
        });
        await Task.WhenAll(writes).WaitAsync(Timeout, Ct);
    }

    private static async Task ShouldEqualStoreAsync(ViewedStore store)
    {
        var snapshot = await store.View.ReadAsync(Ct).WaitAsync(Timeout, Ct);
        var instances = await store.ListInstancesAsync(InstanceQuery.Live, Ct);
        var jobs = await store.ListJobsAsync(JobQuery.Open with { Limit = 100_000 }, Ct);

        JsonSerializer.Serialize(snapshot.Instances).ShouldBe(JsonSerializer.Serialize(instances));
        JsonSerializer.Serialize(snapshot.OpenJobs).ShouldBe(JsonSerializer.Serialize(jobs));
        snapshot.Instances.ShouldNotBeEmpty();
        snapshot.OpenJobs.ShouldNotBeEmpty();
    }

    private async Task<ViewedStore> OpenAsync()
    {
        var store = new ViewedStore(new SqliteStore(Options));
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        return store;
    }

    private static JobEvent Event(long id, JobStatus status) => new()
    {
        Forge = "github",
        JobId = id,
        Status = status,
        Repository = "acme/app",
        Owner = "acme",
        Labels = ["self-hosted", "linux"],
        RunId = 1,
        Name = "build",
        CreatedAt = T0.AddSeconds(id),
    };

    private static Instance Intent(string name) => new()
    {
        Name = name,
        Pool = "linux",
        Provider = "docker",
        State = InstanceState.Pending,
        CreatedAt = T0,
        StateChangedAt = T0,
        LastReason = "demand",
    };

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platforms; the OS cleans temp eventually.
        }

        return ValueTask.CompletedTask;
    }
}
