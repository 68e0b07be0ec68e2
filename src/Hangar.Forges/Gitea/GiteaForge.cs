using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.Gitea;

/// <summary>
/// Gitea 1.24+ (reference section 2): runners registered on Hangar's side with the scope's registration token and
/// <c>ephemeral</c> (or, where a pool opts in, the shared token handed to the machine), runner list/get/delete at every
/// scope, and the 1.25 jobs API as the lost-webhook sweep. Demand arrives by <c>workflow_job</c> webhooks.
/// </summary>
internal sealed partial class GiteaForge(GiteaFamilyOptions options, HttpClient http, ILogger<GiteaForge> logger, TimeProvider time) : IForge, IForgeFeatureProbe
{
    public const string Type = "gitea";

    private readonly GiteaApiClient _client = new(options, "Gitea", http, logger, time);
    private readonly ConcurrentDictionary<ForgeTarget, (bool RunnerApi, bool JobsApi)> _probed = new();
    private int _jobsApiMissing;

    public string Name => options.Name;

    public async Task<RunnerCredential> CreateRunnerCredentialAsync(ForgeTarget target, RunnerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = _client.Api($"{GiteaApiPaths.Actions(target)}/runners/registration-token");
        var credential = await RegistrationTokenRunners.MintAsync(_client, request, async ct =>
        {
            // POST returns the scope's active token, creating one only when none is (PR #33873); GET is its older twin.
            using var response = await _client.SendAsync(HttpMethod.Post, uri, null, "registration_token", ForgePriority.Provision, ct).ConfigureAwait(false);
            return await RegistrationTokenRunners.ReadTokenAsync(_client, response, ct).ConfigureAwait(false);
        }, ephemeral: true, cancellationToken).ConfigureAwait(false);
        GiteaLog.RunnerRegistered(logger, Name, request.Name, credential.RunnerId, target.ToString(), request.SharedRegistrationToken);
        return credential;
    }

    public async Task<IReadOnlyList<ForgeRunner>> ListRunnersAsync(ForgeTarget target, string? name = null, CancellationToken cancellationToken = default)
    {
        // page/limit are honoured (GetListOptions) though the 1.25.4 description lists no parameters for this route.
        var runners = new List<ForgeRunner>();
        var priority = name is null ? ForgePriority.Observe : ForgePriority.Provision;
        for (var page = 1; ; page++)
        {
            var uri = _client.Api($"{GiteaApiPaths.Actions(target)}/runners?page={page}&limit={options.PageSize}");
            var list = await _client.GetOrNullAsync(uri, GiteaJsonContext.Default.GiteaRunnerListDto, "list_runners", priority, cancellationToken).ConfigureAwait(false)
                ?? throw new ForgeException($"Gitea GET {uri.AbsolutePath} returned 404: no runner API at {target} (Gitea 1.24+ is required)", 404);
            var batch = list.Runners ?? [];
            runners.AddRange(batch
                .Where(r => name is null || string.Equals(r.Name, name, StringComparison.Ordinal))
                .Select(r => new ForgeRunner(
                    r.Id,
                    r.Name ?? string.Empty,
                    string.Equals(r.Status, "online", StringComparison.OrdinalIgnoreCase) || r.Busy,
                    r.Busy,
                    [.. (r.Labels ?? []).Select(l => l.Name).OfType<string>()])));
            if (batch.Count < options.PageSize || (long)page * options.PageSize >= list.TotalCount)
            {
                return runners;
            }
        }
    }

    public async Task RemoveRunnerAsync(ForgeTarget target, long runnerId, CancellationToken cancellationToken = default)
    {
        var uri = _client.Api($"{GiteaApiPaths.Actions(target)}/runners/{runnerId.ToString(CultureInfo.InvariantCulture)}");
        var removed = await RegistrationTokenRunners.RemoveAsync(_client, uri, cancellationToken).ConfigureAwait(false);
        GiteaLog.RunnerRemoved(logger, Name, runnerId, target.ToString(), alreadyGone: !removed);
    }

    public async Task<ForgeJob?> GetJobAsync(string repository, long jobId, CancellationToken cancellationToken = default)
    {
        var uri = _client.Api($"{GiteaApiPaths.Repository(repository)}/actions/jobs/{jobId.ToString(CultureInfo.InvariantCulture)}");
        var job = await _client.GetOrNullAsync(uri, GiteaJsonContext.Default.GiteaWorkflowJobDto, "get_job", ForgePriority.Observe, cancellationToken).ConfigureAwait(false);
        return job is null ? null : ToForgeJob(job, uri);
    }

    /// <summary>The 1.25 jobs API, <c>status=queued</c>, every page. Gitea 1.24 answers 404: logged once, and the sweep
    /// then finds nothing (known jobs are still re-checked one by one).</summary>
    public async Task<IReadOnlyList<ForgeJob>> ListQueuedJobsAsync(string repository, CancellationToken cancellationToken = default)
    {
        var jobs = new List<ForgeJob>();
        for (var page = 1; ; page++)
        {
            var uri = _client.Api($"{GiteaApiPaths.Repository(repository)}/actions/jobs?status=queued&page={page}&limit={options.PageSize}");
            var list = await _client.GetOrNullAsync(uri, GiteaJsonContext.Default.GiteaWorkflowJobsDto, "list_queued_jobs", ForgePriority.Sweep, cancellationToken).ConfigureAwait(false);
            if (list is null)
            {
                if (Interlocked.Exchange(ref _jobsApiMissing, 1) == 0)
                {
                    GiteaLog.JobsApiMissing(logger, Name);
                }

                return jobs;
            }

            var batch = list.Jobs ?? [];
            // A job in a state this Hangar does not know is not demand; it must not cost the rest of the sweep.
            jobs.AddRange(batch.Where(j => GiteaJobStatus.Parse(j.Status) == Core.Jobs.JobStatus.Queued).Select(j => ToForgeJob(j, uri)));
            if (batch.Count < options.PageSize || (long)page * options.PageSize >= list.TotalCount)
            {
                return jobs;
            }
        }
    }

    public async Task<ForgeFeatures> ProbeAsync(IReadOnlyList<ForgeTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var notes = new List<string>();
        var runnerApi = true;
        var jobsApi = true;
        foreach (var target in targets.Distinct())
        {
            var found = await ProbeTargetAsync(target, cancellationToken).ConfigureAwait(false);
            runnerApi &= found.RunnerApi;
            jobsApi &= found.JobsApi;
            if (!found.JobsApi)
            {
                notes.Add($"{target}: no jobs API (Gitea 1.24): lost webhooks of unknown jobs are not found");
            }

            if (!found.RunnerApi)
            {
                notes.Add($"{target}: no runner API (Gitea older than 1.24 is not supported)");
            }
        }

        return new ForgeFeatures(
            Name,
            Type,
            "registration-token + hangar-side ephemeral registration",
            jobsApi ? ["webhook", "jobs-api-sweep"] : ["webhook"],
            runnerApi ? "rest-list-get-delete" : "none",
            notes);
    }

    private async Task<(bool RunnerApi, bool JobsApi)> ProbeTargetAsync(ForgeTarget target, CancellationToken ct)
    {
        if (_probed.TryGetValue(target, out var known))
        {
            return known;
        }

        var actions = GiteaApiPaths.Actions(target);
        var runnerApi = await AnswersAsync(_client.Api($"{actions}/runners?limit=1"), ct).ConfigureAwait(false);
        var jobsApi = await AnswersAsync(_client.Api($"{actions}/jobs?status=queued&limit=1"), ct).ConfigureAwait(false);
        if (_probed.TryAdd(target, (runnerApi, jobsApi)))
        {
            GiteaLog.FeaturesProbed(logger, Name, target.ToString(), runnerApi, jobsApi);
        }

        return _probed[target];
    }

    /// <summary>200 = the route exists; 404 = it does not; anything else (401, 5xx) is an error worth seeing.</summary>
    private async Task<bool> AnswersAsync(Uri uri, CancellationToken ct)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, uri, null, "probe", ForgePriority.Observe, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await _client.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        return true;
    }

    private static ForgeJob ToForgeJob(GiteaWorkflowJobDto job, Uri uri) =>
        new(job.Id,
            GiteaJobStatus.Parse(job.Status) ?? throw new ForgeException($"Gitea GET {uri.AbsolutePath} returned unknown job status '{job.Status}'"),
            string.IsNullOrEmpty(job.RunnerName) ? null : job.RunnerName,
            job.RunnerId is > 0 ? job.RunnerId : null,
            string.IsNullOrEmpty(job.Conclusion) ? null : job.Conclusion,
            job.Labels ?? [])
        {
            RunId = job.RunId,
            Name = job.Name,
            CreatedAt = job.CreatedAt,
            Attempt = job.RunAttempt,
        };
}
