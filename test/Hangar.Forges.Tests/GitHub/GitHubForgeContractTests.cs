using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Emulator;
using Hangar.Emulator.Runner;
using Hangar.Emulator.State;
using Hangar.Forges.GitHub;
using Hangar.Testing.Forges;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Forges.Tests.GitHub;

/// <summary>
/// The forge contract for the real GitHub client against the emulator (a local GitHub), one emulator per test. The
/// runner's part is played by the emulated runner's own protocol client, with the JIT config the client minted.
/// </summary>
public sealed class GitHubForgeContractTests : ForgeContractTests
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private EmulatorHost? _emulator;
    private GitHubForge? _forge;

    protected override string Repository => "acme/app";

    protected override ForgeTarget Target => ForgeTarget.Repository(Repository);

    private EmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("the emulator starts in InitializeAsync");

    protected override async Task<IForge> StartAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = TestForge.Token }, Ct).WaitAsync(TestForge.Timeout, Ct);
        return _forge = new GitHubForge(
            new GitHubForgeOptions { Name = "github", ApiUrl = _emulator.ApiUrl.ToString(), Token = TestForge.Token },
            _http,
            NullLogger<GitHubForge>.Instance,
            TimeProvider.System);
    }

    protected override Task<long> QueueJobAsync(IReadOnlyList<string> labels) =>
        Task.FromResult(Emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = labels }).Single().Id);

    protected override async Task<long> TakeJobAsync(RunnerCredential credential)
    {
        var runner = new EmulatorClient(RunnerSettings.Decode(credential.SecretEnv[GitHubForge.JitConfigEnvironmentVariable]), _http);
        await runner.ConnectAsync(Ct).WaitAsync(TestForge.Timeout, Ct);
        var job = await runner.PollAsync(TimeSpan.Zero, Ct).WaitAsync(TestForge.Timeout, Ct);
        return job?.Id ?? throw new InvalidOperationException("the runner found no job to take");
    }

    public override async ValueTask DisposeAsync()
    {
        _forge?.Dispose();
        _http.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
