using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.Gitea;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.Forgejo;

/// <summary>
/// Forgejo 11+ (reference section 3). Found by probing each scope: 15+ registers runners over REST with
/// <c>ephemeral: true</c> and lists and removes them; 11–14 has only the reusable registration token (Hangar registers
/// on its side through the runner protocol) and no way to remove a runner, so rows are left behind and counted. Demand
/// is the runner job queue, polled (Forgejo sends no job webhooks as of 15).
/// </summary>
internal sealed partial class ForgejoForge(GiteaFamilyOptions options, HttpClient http, ILogger<ForgejoForge> logger, TimeProvider time)
    : IForge, IForgeFeatureProbe, IForgeJobQueue
{
    public const string Type = "forgejo";

    private readonly GiteaApiClient _client = new(options, "Forgejo", http, logger, time);
    private readonly ConcurrentDictionary<ForgeTarget, ForgejoScopeFeatures> _probed = new();
    private readonly ConcurrentDictionary<long, (string Repository, string Owner)> _repositories = new();
    private long _leftBehind;

    public string Name => options.Name;

    public TimeSpan PollInterval => options.PollInterval;

    /// <summary>Runner rows left at the forge because it cannot remove them (Forgejo 11–14), since start.</summary>
    public long RunnersLeftBehind => Interlocked.Read(ref _leftBehind);

    public async Task<RunnerCredential> CreateRunnerCredentialAsync(ForgeTarget target, RunnerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var features = await FeaturesAsync(target, cancellationToken).ConfigureAwait(false);
        if (features.RestRunners && !request.SharedRegistrationToken)
        {
            var uri = _client.Api($"{GiteaApiPaths.Actions(target)}/runners");
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new ForgejoRegisterRunnerRequest(request.Name, "ephemeral runner of Hangar", Ephemeral: true),
                GiteaJsonContext.Default.ForgejoRegisterRunnerRequest);
            using var response = await _client.SendAsync(HttpMethod.Post, uri, body, "register_runner", ForgePriority.Provision, cancellationToken).ConfigureAwait(false);
            await _client.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var runner = await _client.ReadAsync(response, GiteaJsonContext.Default.ForgejoRegisterRunnerResponse, cancellationToken).ConfigureAwait(false);
            if (runner is not { Uuid.Length: > 0, Token.Length: > 0 })
            {
                throw new ForgeException($"Forgejo POST {uri.AbsolutePath} returned no runner uuid or token", (int)response.StatusCode);
            }

            ForgejoLog.RunnerRegistered(logger, Name, request.Name, runner.Id, target.ToString(), "rest-ephemeral");
            return RunnerLogins.Registered(_client.BaseUrl, request, runner.Id, runner.Uuid, runner.Token, ephemeral: true);
        }

        // 11–14 (or a shared-token pool): the token route is under …/runners (admin: /admin/runners), deprecated in 15.
        var tokenUri = _client.Api($"{GiteaApiPaths.LegacyRunners(target)}/registration-token");
        var credential = await RegistrationTokenRunners.MintAsync(_client, request, async ct =>
        {
            using var response = await _client.SendAsync(HttpMethod.Get, tokenUri, null, "registration_token", ForgePriority.Provision, ct).ConfigureAwait(false);
            return await RegistrationTokenRunners.ReadTokenAsync(_client, response, ct).ConfigureAwait(false);
        }, ephemeral: features.RestRunners, cancellationToken).ConfigureAwait(false);
        ForgejoLog.RunnerRegistered(logger, Name, request.Name, credential.RunnerId, target.ToString(), request.SharedRegistrationToken ? "shared-token" : "registration-token");
        return credential;
    }

    /// <summary>15+: the bare array with <c>X-Total-Count</c>, every page. 11–14 cannot list runners: empty.</summary>
    public async Task<IReadOnlyList<ForgeRunner>> ListRunnersAsync(ForgeTarget target, string? name = null, CancellationToken cancellationToken = default)
    {
        if (!(await FeaturesAsync(target, cancellationToken).ConfigureAwait(false)).RestRunners)
        {
            return [];
        }

        var runners = new List<ForgeRunner>();
        var priority = name is null ? ForgePriority.Observe : ForgePriority.Provision;
        for (var page = 1; ; page++)
        {
            var uri = _client.Api($"{GiteaApiPaths.Actions(target)}/runners?page={page}&limit={options.PageSize}");
            using var response = await _client.SendAsync(HttpMethod.Get, uri, null, "list_runners", priority, cancellationToken).ConfigureAwait(false);
            await _client.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var batch = await _client.ReadAsync(response, GiteaJsonContext.Default.ListForgejoRunnerDto, cancellationToken).ConfigureAwait(false) ?? [];
            runners.AddRange(batch
                .Where(r => name is null || string.Equals(r.Name, name, StringComparison.Ordinal))
                .Select(r => new ForgeRunner(
                    r.Id,
                    r.Name ?? string.Empty,
                    r.Status is "idle" or "active",
                    r.Status == "active",
                    r.Labels ?? [])));
            var total = response.Headers.TryGetValues("X-Total-Count", out var values)
                && long.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, out var count) ? count : (long?)null;
            if (batch.Count < options.PageSize || (total is { } t && (long)page * options.PageSize >= t))
            {
                return runners;
            }
        }
    }

    public async Task RemoveRunnerAsync(ForgeTarget target, long runnerId, CancellationToken cancellationToken = default)
    {
        if (!(await FeaturesAsync(target, cancellationToken).ConfigureAwait(false)).RestRunners)
        {
            ForgejoMetrics.RunnerLeftBehind(Name);
            ForgejoLog.RunnerLeftBehind(logger, Name, runnerId, target.ToString(), Interlocked.Increment(ref _leftBehind));
            return;
        }

        var uri = _client.Api($"{GiteaApiPaths.Actions(target)}/runners/{runnerId.ToString(CultureInfo.InvariantCulture)}");
        var removed = await RegistrationTokenRunners.RemoveAsync(_client, uri, cancellationToken).ConfigureAwait(false);
        ForgejoLog.RunnerRemoved(logger, Name, runnerId, target.ToString(), alreadyGone: !removed);
    }

    /// <summary>Forgejo has no look-up of one job by id (its queue lists waiting and running jobs only); the job poller
    /// reports a job gone from the queue as completed, so a known job is never looked up here.</summary>
    public Task<ForgeJob?> GetJobAsync(string repository, long jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ForgeJob?>(null);

    public async Task<IReadOnlyList<QueuedForgeJob>> ListJobQueueAsync(ForgeTarget target, IReadOnlyList<string> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var features = await FeaturesAsync(target, cancellationToken).ConfigureAwait(false);
        // Always the pool's full label set: omitted labels mean "nothing" on 11–13 and "everything" on 14+.
        var path = features.RestRunners ? $"{GiteaApiPaths.Actions(target)}/runners/jobs" : $"{GiteaApiPaths.LegacyRunners(target)}/jobs";
        var uri = _client.Api($"{path}?labels={Uri.EscapeDataString(string.Join(',', labels))}");
        using var response = await _client.SendAsync(HttpMethod.Get, uri, null, "list_job_queue", ForgePriority.Observe, cancellationToken).ConfigureAwait(false);
        await _client.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        // No match is JSON null, not [] (reference 3.4).
        var jobs = await _client.ReadAsync(response, GiteaJsonContext.Default.ListForgejoRunJobDto, cancellationToken).ConfigureAwait(false) ?? [];
        var queued = new List<QueuedForgeJob>();
        foreach (var job in jobs.Where(j => j.Status is "waiting" or "running"))
        {
            var (repository, owner) = await RepositoryOfAsync(target, job.RepoId, cancellationToken).ConfigureAwait(false);
            queued.Add(new QueuedForgeJob(job.Id, job.Attempt is > 0 ? job.Attempt : null, job.Status == "running", repository, owner, job.RunsOn ?? [])
            {
                Name = job.Name,
                Handle = job.Handle,
            });
        }

        return queued;
    }

    public async Task<ForgeFeatures> ProbeAsync(IReadOnlyList<ForgeTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var notes = new List<string>();
        var rest = targets.Count > 0;
        var jobsApi = targets.Count > 0;
        foreach (var target in targets.Distinct())
        {
            var found = await FeaturesAsync(target, cancellationToken).ConfigureAwait(false);
            rest &= found.RestRunners;
            jobsApi &= found.JobsApi;
            if (!found.RestRunners)
            {
                notes.Add($"{target}: no REST runner API (Forgejo 11-14): runner rows stay after their job and are counted; see docs/gitea-forgejo.md");
            }

            if (!found.JobsApi)
            {
                notes.Add($"{target}: no job queue (Forgejo older than 11): no demand source, static pools only");
            }
        }

        return new ForgeFeatures(
            Name,
            Type,
            rest ? "rest-ephemeral" : "registration-token + hangar-side registration (one-job runner)",
            jobsApi ? ["jobs-api-poll"] : [],
            rest ? "rest-list-get-delete" : "none",
            notes);
    }

    private async Task<ForgejoScopeFeatures> FeaturesAsync(ForgeTarget target, CancellationToken ct)
    {
        if (_probed.TryGetValue(target, out var known))
        {
            return known;
        }

        var rest = await AnswersAsync(_client.Api($"{GiteaApiPaths.Actions(target)}/runners?limit=1"), ct).ConfigureAwait(false);
        var jobsPath = rest ? $"{GiteaApiPaths.Actions(target)}/runners/jobs" : $"{GiteaApiPaths.LegacyRunners(target)}/jobs";
        var jobs = await AnswersAsync(_client.Api($"{jobsPath}?labels=hangar-probe"), ct).ConfigureAwait(false);
        // Logged once per scope, by whichever concurrent probe stored its answer first.
        if (_probed.TryAdd(target, new ForgejoScopeFeatures(rest, jobs)))
        {
            ForgejoLog.FeaturesProbed(logger, Name, target.ToString(), rest, jobs);
        }

        return _probed[target];
    }

    /// <summary>200 = the route exists; 404 (and 405 for a method the older version lacks) = it does not; anything else
    /// (401, 5xx) is an error worth seeing.</summary>
    private async Task<bool> AnswersAsync(Uri uri, CancellationToken ct)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, uri, null, "probe", ForgePriority.Observe, ct).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            return false;
        }

        await _client.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The queue names repositories by id: a repository target is its own answer, others are looked up once.</summary>
    private async Task<(string Repository, string Owner)> RepositoryOfAsync(ForgeTarget target, long repoId, CancellationToken ct)
    {
        if (target.Scope == TargetScope.Repository)
        {
            return (target.Name, target.Name[..target.Name.IndexOf('/', StringComparison.Ordinal)]);
        }

        if (_repositories.TryGetValue(repoId, out var known))
        {
            return known;
        }

        var uri = _client.Api($"/repositories/{repoId.ToString(CultureInfo.InvariantCulture)}");
        var repository = await _client.GetOrNullAsync(uri, GiteaJsonContext.Default.RepositoryDto, "get_repository", ForgePriority.Observe, ct).ConfigureAwait(false);
        if (repository is not { FullName: { Length: > 0 } fullName } || fullName.IndexOf('/', StringComparison.Ordinal) <= 0)
        {
            throw new ForgeException($"Forgejo GET {uri.AbsolutePath} returned no repository full_name");
        }

        var owner = repository.Owner?.Login ?? fullName[..fullName.IndexOf('/', StringComparison.Ordinal)];
        return _repositories.GetOrAdd(repoId, (fullName, owner));
    }
}
