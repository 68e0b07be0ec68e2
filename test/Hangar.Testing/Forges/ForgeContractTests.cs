using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;

namespace Hangar.Testing.Forges;

/// <summary>
/// What every <see cref="IForge"/> client must do against its forge: a forge's test class derives from this, starts
/// the forge (its emulator, or a real server) with an empty repository, and plays the two parts only the forge's side
/// can play: queueing a job, and a runner coming online with its credential to take one. The suite talks to the forge
/// only through <see cref="IForge"/>.
/// </summary>
public abstract class ForgeContractTests : IAsyncLifetime
{
    /// <summary>What a pool registers its runners with (the forge may add its own, such as <c>self-hosted</c>).</summary>
    protected static readonly IReadOnlyList<string> RunnerLabels = ["linux", "contract"];

    /// <summary>What a job that those runners may take asks for.</summary>
    protected static readonly IReadOnlyList<string> JobLabels = ["self-hosted", "linux", "contract"];

    private IForge? _forge;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IForge Forge => _forge ?? throw new InvalidOperationException("the forge starts in InitializeAsync");

    /// <summary>The repository every job is queued in; <see cref="Target"/> is where runners register.</summary>
    protected abstract string Repository { get; }

    protected abstract ForgeTarget Target { get; }

    /// <summary>Starts the forge and returns the client under test, pointed at it.</summary>
    protected abstract Task<IForge> StartAsync();

    /// <summary>Queues a job in <see cref="Repository"/> that a runner with <paramref name="labels"/> may take; its id.</summary>
    protected abstract Task<long> QueueJobAsync(IReadOnlyList<string> labels);

    /// <summary>The runner holding <paramref name="credential"/> comes online and takes a queued job (it is busy then); the job's id.</summary>
    protected abstract Task<long> TakeJobAsync(RunnerCredential credential);

    public async ValueTask InitializeAsync() => _forge = await StartAsync();

    public abstract ValueTask DisposeAsync();

    protected static string UniqueName() => $"hangar-t-{Guid.NewGuid():N}"[..22];

    protected Task<RunnerCredential> MintAsync(string name) =>
        Forge.CreateRunnerCredentialAsync(Target, new RunnerRequest(name, RunnerLabels, RunnerGroup: null), Ct).Within();

    [Fact]
    public async Task CreateRunnerCredentialAsync_NewName_MintsACredentialForARegisteredRunner()
    {
        var name = UniqueName();

        var credential = await MintAsync(name);

        credential.RunnerId.ShouldNotBeNull();
        credential.SecretEnv.ShouldNotBeEmpty();
        credential.SecretEnv.Values.ShouldAllBe(v => v.Length > 0);
        var runner = (await Forge.ListRunnersAsync(Target, name, Ct).Within()).ShouldHaveSingleItem();
        runner.Id.ShouldBe(credential.RunnerId.Value);
        runner.Name.ShouldBe(name);
        runner.Busy.ShouldBeFalse();
        RunnerLabels.ShouldAllBe(label => runner.Labels.Contains(label));
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_NameTaken_ThrowsConflictAndKeepsTheFirst()
    {
        var name = UniqueName();
        var first = await MintAsync(name);

        await Should.ThrowAsync<RunnerNameConflictException>(MintAsync(name));

        (await Forge.ListRunnersAsync(Target, name, Ct).Within()).ShouldHaveSingleItem().Id.ShouldBe(first.RunnerId!.Value);
    }

    [Fact]
    public async Task ListRunnersAsync_ByName_ReturnsOnlyThatRunner()
    {
        var a = UniqueName();
        var b = UniqueName();
        var first = await MintAsync(a);
        var second = await MintAsync(b);

        (await Forge.ListRunnersAsync(Target, a, Ct).Within()).ShouldHaveSingleItem().Id.ShouldBe(first.RunnerId!.Value);
        (await Forge.ListRunnersAsync(Target, cancellationToken: Ct).Within()).Select(r => r.Id)
            .ShouldBe([first.RunnerId!.Value, second.RunnerId!.Value], ignoreOrder: true);
        (await Forge.ListRunnersAsync(Target, UniqueName(), Ct).Within()).ShouldBeEmpty();
    }

    [Fact]
    public async Task RemoveRunnerAsync_Twice_RemovesThenIsNoOp()
    {
        var name = UniqueName();
        var credential = await MintAsync(name);

        await Forge.RemoveRunnerAsync(Target, credential.RunnerId!.Value, Ct).Within();
        await Forge.RemoveRunnerAsync(Target, credential.RunnerId.Value, Ct).Within();

        (await Forge.ListRunnersAsync(Target, name, Ct).Within()).ShouldBeEmpty();
    }

    [Fact]
    public async Task RemoveRunnerAsync_RunnerBusy_RefusedAndRunnerKept()
    {
        var name = UniqueName();
        var credential = await MintAsync(name);
        await QueueJobAsync(JobLabels);
        await TakeJobAsync(credential);

        await Should.ThrowAsync<RunnerBusyException>(Forge.RemoveRunnerAsync(Target, credential.RunnerId!.Value, Ct).Within());

        (await Forge.ListRunnersAsync(Target, name, Ct).Within()).ShouldHaveSingleItem().Busy.ShouldBeTrue();
    }

    [Fact]
    public async Task GetJobAsync_QueuedThenTaken_ReportsStatusAndRunner()
    {
        var name = UniqueName();
        var credential = await MintAsync(name);
        var jobId = await QueueJobAsync(JobLabels);

        var queued = (await Forge.GetJobAsync(Repository, jobId, Ct).Within()).ShouldNotBeNull();
        (await TakeJobAsync(credential)).ShouldBe(jobId);
        var taken = (await Forge.GetJobAsync(Repository, jobId, Ct).Within()).ShouldNotBeNull();

        queued.Id.ShouldBe(jobId);
        queued.Status.ShouldBe(JobStatus.Queued);
        queued.RunnerName.ShouldBeNull();
        queued.Labels.ShouldBe(JobLabels, ignoreOrder: true);
        taken.Status.ShouldBe(JobStatus.InProgress);
        taken.RunnerName.ShouldBe(name);
        taken.RunnerId.ShouldBe(credential.RunnerId);
    }

    [Fact]
    public async Task GetJobAsync_UnknownJob_ReturnsNull()
    {
        var known = await QueueJobAsync(JobLabels);

        (await Forge.GetJobAsync(Repository, known + 1_000_000, Ct).Within()).ShouldBeNull();
    }

    [Fact]
    public async Task ListQueuedJobsAsync_SomeTaken_ListsExactlyTheStillQueued()
    {
        var credential = await MintAsync(UniqueName());
        var jobs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add(await QueueJobAsync(JobLabels));
        }

        var taken = await TakeJobAsync(credential);

        var queued = await Forge.ListQueuedJobsAsync(Repository, Ct).Within();
        queued.Select(j => j.Id).ShouldBe(jobs.Where(j => j != taken), ignoreOrder: true);
        queued.ShouldAllBe(j => j.Status == JobStatus.Queued);
    }
}
