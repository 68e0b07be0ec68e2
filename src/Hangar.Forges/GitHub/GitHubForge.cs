using System.Globalization;
using System.Net;
using System.Text.Json;
using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Core.ScaleSets;
using Hangar.Forges.GitHub.Budget;
using Hangar.Forges.GitHub.ScaleSets;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub;

/// <summary>GitHub's REST API (github.com, GHE.com, GHES 3.10+) authenticated with a personal access token or as a GitHub App.</summary>
internal sealed partial class GitHubForge : IForge, IDisposable
{
    /// <summary>The runner reads <c>ACTIONS_RUNNER_INPUT_&lt;ARG&gt;</c> as its <c>--arg</c> and masks it (reference section 7).</summary>
    public const string JitConfigEnvironmentVariable = "ACTIONS_RUNNER_INPUT_JITCONFIG";

    private readonly GitHubRestClient _client;
    private readonly GitHubRunnerGroups _runnerGroups;
    private readonly RunnerGroups.GitHubRunnerGroupAdmin _runnerGroupAdmin;
    private readonly ILogger<GitHubForge> _logger;

    /// <param name="actionsHttpClient">For the Actions service and its message queue, whose long polls outlast a REST
    /// call's timeout; the REST client when null.</param>
    public GitHubForge(GitHubForgeOptions options, HttpClient httpClient, ILogger<GitHubForge> logger, TimeProvider timeProvider, HttpClient? actionsHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = options.Name;
        _logger = logger;
        _client = new GitHubRestClient(options, httpClient, logger, timeProvider);
        _runnerGroups = new GitHubRunnerGroups(_client, options.Name, logger);
        _runnerGroupAdmin = new RunnerGroups.GitHubRunnerGroupAdmin(_client, _runnerGroups, options.Name, logger);
        ScaleSets = new GitHubScaleSetService(
            new GitHubActionsClient(_client, actionsHttpClient ?? httpClient, options.Name, options.ApiUrl, logger, timeProvider), logger);
    }

    public string Name { get; }

    /// <summary>The forge's runner scale-set protocol (used in scale-set mode).</summary>
    public GitHubScaleSetService ScaleSets { get; }

    public void Dispose() => _client.Dispose();

    public async Task<RunnerCredential> CreateRunnerCredentialAsync(ForgeTarget target, RunnerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ScaleSet is { } scaleSet)
        {
            // A scale set's runner carries the set's labels; its JIT config comes from the set's own endpoint.
            return await ScaleSets.GenerateJitConfigAsync(new ScaleSetSpec(scaleSet, target, request.RunnerGroup, request.Labels), request.Name, request.WorkFolder, cancellationToken)
                .ConfigureAwait(false);
        }

        var labels = GitHubRunnerLabels.For(request);

        var groupId = await _runnerGroups.ResolveAsync(target, request.RunnerGroup, cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new JitConfigRequest(request.Name, groupId, labels, request.WorkFolder),
            GitHubJsonContext.Default.JitConfigRequest);
        var uri = _client.Resolve($"{GitHubPaths.Scope(target)}/actions/runners/generate-jitconfig");

        using var response = await _client.SendAsync(HttpMethod.Post, uri, body, target, GitHubCall.Of(GitHubCallKind.MintRunner), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new RunnerNameConflictException(request.Name);
        }

        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden && groupId != GitHubRunnerGroups.DefaultGroupId)
        {
            // The cached group id may be stale (group deleted or recreated); the next attempt looks it up again.
            _runnerGroups.Invalidate(target);
        }

        await _client.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var jit = await _client.ReadAsync(response, GitHubJsonContext.Default.JitConfigResponse, cancellationToken).ConfigureAwait(false);
        if (jit.Runner is null || string.IsNullOrEmpty(jit.EncodedJitConfig))
        {
            throw new ForgeException($"GitHub POST {uri.AbsolutePath} returned no runner or no encoded_jit_config", (int)response.StatusCode);
        }

        GitHubForgeLog.RunnerRegistered(_logger, Name, request.Name, jit.Runner.Id, target.ToString());
        return new RunnerCredential(
            jit.Runner.Id,
            new Dictionary<string, string> { [JitConfigEnvironmentVariable] = jit.EncodedJitConfig });
    }

    public async Task<IReadOnlyList<ForgeRunner>> ListRunnersAsync(ForgeTarget target, string? name = null, CancellationToken cancellationToken = default)
    {
        // A look-up by name serves minting and removal; the full list is polled, so it is sent conditionally.
        var call = name is null ? GitHubCall.Of(GitHubCallKind.ListRunners, conditional: true) : GitHubCall.Of(GitHubCallKind.FindRunner);
        _client.Admit(call, target, target.ToString());
        var query = name is null ? "?per_page=100" : $"?per_page=100&name={Uri.EscapeDataString(name)}";
        var first = _client.Resolve($"{GitHubPaths.Scope(target)}/actions/runners{query}");
        var pages = await _client.GetPagesAsync(first, GitHubJsonContext.Default.RunnerListResponse, target, call, cancellationToken).ConfigureAwait(false);
        return
        [
            .. pages.SelectMany(page => page.Runners ?? []).Select(runner => new ForgeRunner(
                runner.Id,
                runner.Name ?? string.Empty,
                string.Equals(runner.Status, "online", StringComparison.OrdinalIgnoreCase),
                runner.Busy,
                [.. (runner.Labels ?? []).Select(label => label.Name).OfType<string>()])),
        ];
    }

    public async Task RemoveRunnerAsync(ForgeTarget target, long runnerId, CancellationToken cancellationToken = default)
    {
        var uri = _client.Resolve($"{GitHubPaths.Scope(target)}/actions/runners/{runnerId.ToString(CultureInfo.InvariantCulture)}");
        using var response = await _client.SendAsync(HttpMethod.Delete, uri, null, target, GitHubCall.Of(GitHubCallKind.RemoveRunner), cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                GitHubForgeLog.RunnerAlreadyGone(_logger, Name, runnerId, target.ToString());
                return;
            // GitHub refuses to remove a runner that is running a job (reference section 8; status assumed, unverified).
            case HttpStatusCode.UnprocessableEntity:
                throw new RunnerBusyException(runnerId);
            default:
                await _client.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
                GitHubForgeLog.RunnerRemoved(_logger, Name, runnerId, target.ToString());
                return;
        }
    }

    public async Task<ForgeJob?> GetJobAsync(string repository, long jobId, CancellationToken cancellationToken = default)
    {
        var call = GitHubCall.Of(GitHubCallKind.GetJob, conditional: true);
        var target = ForgeTarget.Repository(repository);
        var uri = _client.Resolve($"{GitHubPaths.Repository(repository)}/actions/jobs/{jobId.ToString(CultureInfo.InvariantCulture)}");
        _client.Admit(call, target, uri.AbsolutePath);
        using var response = await _client.SendAsync(HttpMethod.Get, uri, null, target, call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await _client.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var job = await _client.ReadAsync(response, GitHubJsonContext.Default.WorkflowJobDto, cancellationToken).ConfigureAwait(false);
        var status = GitHubJobStatus.Parse(job.Status)
            ?? throw new ForgeException($"GitHub GET {uri.AbsolutePath} returned unknown job status '{job.Status}'", (int)response.StatusCode);
        return new ForgeJob(job.Id, status, job.RunnerName, job.RunnerId, job.Conclusion, job.Labels ?? []);
    }
}
