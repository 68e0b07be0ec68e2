using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>
/// What every <see cref="IStore"/> must do, whatever its database. A backend's test class derives from this with its
/// <see cref="IStoreBackend"/>, which supplies fresh and reopened stores; the suite itself never looks below the
/// interface. A new table joins the suite as one more partial file here, and so runs against every backend.
/// </summary>
public abstract partial class StoreContractTests<TBackend> : IAsyncLifetime
    where TBackend : IStoreBackend, new()
{
    protected const int TestTimeout = 30_000;

    protected static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>This test's database, and whatever the backend's own tests need to look below the interface.</summary>
    protected TBackend Backend { get; } = new();

    protected IStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Store = await Backend.CreateStoreAsync();
        await Store.MigrateAsync(Ct);
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await Backend.DisposeAsync();
    }

    protected async Task ReopenStoreAsync()
    {
        Store = await Backend.ReopenAsync(Store);
        await Store.MigrateAsync(Ct);
    }

    protected static JobEvent Event(long jobId, JobStatus status, string? deliveryId = null) => new()
    {
        Forge = "github",
        JobId = jobId,
        Status = status,
        Repository = "acme/app",
        Owner = "acme",
        Labels = ["self-hosted", "linux"],
        RunId = 7,
        Name = "build",
        DeliveryId = deliveryId,
    };

    protected static JobKey Key(long jobId) => new("github", jobId);

    protected static Instance NewInstance(string name, string pool = "linux", string provider = "docker", DateTimeOffset? createdAt = null) => new()
    {
        Name = name,
        Pool = pool,
        Provider = provider,
        State = InstanceState.Pending,
        CreatedAt = createdAt ?? T0,
        StateChangedAt = createdAt ?? T0,
    };

    protected async Task<Job> GetJobAsync(long jobId) => (await Store.GetJobAsync(Key(jobId), Ct)).ShouldNotBeNull();

    protected async Task<Instance> GetInstanceAsync(string name) => (await Store.GetInstanceAsync(name, Ct)).ShouldNotBeNull();

    /// <summary>Moves a new instance along the lifecycle, one second per step.</summary>
    protected async Task<Instance> InsertAndMoveAsync(Instance instance, params InstanceState[] path)
    {
        await Store.InsertInstanceAsync(instance, "wanted", Ct);
        var current = instance;
        var at = instance.CreatedAt;
        foreach (var state in path)
        {
            at = at.AddSeconds(1);
            current = await Store.TransitionAsync(instance.Name, state, $"to {state}", at, cancellationToken: Ct);
        }

        return current;
    }

    [Fact(Timeout = TestTimeout)]
    public async Task GetOrAddSettingAsync_KeyAbsentThenPresent_FirstWriterWins()
    {
        var ct = TestContext.Current.CancellationToken;
        (await Store.GetOrAddSettingAsync("controller_id", "first", ct)).ShouldBe("first");
        (await Store.GetOrAddSettingAsync("controller_id", "second", ct)).ShouldBe("first");
        (await Store.GetOrAddSettingAsync("other", "x", ct)).ShouldBe("x");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task GetOrAddSettingAsync_ParallelWriters_AllSeeTheSameValue()
    {
        var ct = TestContext.Current.CancellationToken;
        var values = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => Store.GetOrAddSettingAsync("controller_id", $"candidate-{i}", ct), ct)));

        values.Distinct().Count().ShouldBe(1);
        (await Store.GetOrAddSettingAsync("controller_id", "late", ct)).ShouldBe(values[0]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MigrateAsync_CalledAgain_IsHarmlessAndKeepsData()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0, ct);
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", ct);

        await Store.MigrateAsync(ct);
        await Store.MigrateAsync(ct);

        (await GetJobAsync(1)).Status.ShouldBe(JobStatus.Queued);
        (await GetInstanceAsync("r1")).State.ShouldBe(InstanceState.Pending);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0, ct)).ShouldBe(JobEventOutcome.Duplicate);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Reopen_EverythingStored_Survives()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0, ct);
        await Store.SetJobRouteAsync(Key(1), "linux", null, T0.AddSeconds(1), ct);
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Provisioning, InstanceState.Booting);
        await Store.GetOrAddSettingAsync("controller_id", "abc", ct);
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Attempt = 3 }, T0, ct);
        var jobBefore = await GetJobAsync(1);
        var attemptBefore = await Store.GetJobAsync(Key(1) with { Attempt = 3 }, ct);
        var instanceBefore = await GetInstanceAsync("r1");

        await ReopenStoreAsync();

        (await GetJobAsync(1)).ShouldBeEquivalentTo(jobBefore);
        (await Store.GetJobAsync(Key(1) with { Attempt = 3 }, ct)).ShouldNotBeNull().ShouldBeEquivalentTo(attemptBefore);
        (await GetInstanceAsync("r1")).ShouldBe(instanceBefore);
        (await Store.GetHistoryAsync("r1", cancellationToken: ct)).Select(t => t.To)
            .ShouldBe([InstanceState.Booting, InstanceState.Provisioning, InstanceState.Pending]);
        (await Store.GetOrAddSettingAsync("controller_id", "new", ct)).ShouldBe("abc");
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0, ct)).ShouldBe(JobEventOutcome.Duplicate);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Values_LongAndUnicodeText_RoundTripExactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var longText = string.Concat(Enumerable.Repeat("tøkén-🚀-", 8_000));
        var labels = new[] { "self-hosted", "GPU", "ärm64", longText[..500] };
        await Store.RecordJobEventAsync(Event(long.MaxValue, JobStatus.InProgress, longText) with
        {
            Labels = labels,
            RunnerName = longText,
            Conclusion = null,
        }, T0, ct);
        await Store.InsertInstanceAsync(NewInstance(longText[..300]), longText, ct);
        await Store.UpdateInstanceAsync(longText[..300], new InstanceChanges { ProviderId = longText, LastError = longText }, ct);

        var job = await GetJobAsync(long.MaxValue);
        job.Labels.ShouldBe(labels);
        job.RunnerName.ShouldBe(longText);
        var instance = await GetInstanceAsync(longText[..300]);
        instance.ProviderId.ShouldBe(longText);
        instance.LastError.ShouldBe(longText);
        (await Store.GetHistoryAsync(longText[..300], cancellationToken: ct)).Single().Reason.ShouldBe(longText);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, longText), T0, ct)).ShouldBe(JobEventOutcome.Duplicate);
    }
}
