using System.Security.Cryptography;
using System.Threading.Channels;

namespace Hangar.Emulator.Gitea;

/// <summary>
/// The emulated forge's state behind one lock: jobs, runners, registration tokens per scope, repositories by id. Job
/// changes that a real Gitea announces by webhook go to <see cref="Changes"/> (action and a snapshot of the job).
/// </summary>
public sealed class GiteaEmulatorState(GiteaEmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly List<GiteaEmulatedJob> _jobs = [];
    private readonly List<GiteaEmulatedRunner> _runners = [];
    private readonly Dictionary<string, string> _tokenScopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private long _nextJob = 1000;
    private long _nextRunner;
    private long _nextTask;

    public GiteaFlavor Flavor => options.Flavor;

    public GiteaEmulatorOptions Options => options;

    /// <summary>Where webhooks go from now on (Gitea flavor); starts as <see cref="GiteaEmulatorOptions.WebhookUrl"/>.</summary>
    public Uri? WebhookUrl { get; set; } = options.WebhookUrl;

    internal Channel<(string Action, GiteaJobSnapshot Job)> Changes { get; } = Channel.CreateUnbounded<(string, GiteaJobSnapshot)>();

    /// <summary>Queues <paramref name="count"/> jobs of <paramref name="repository"/> asking for <paramref name="labels"/>.</summary>
    public IReadOnlyList<GiteaJobSnapshot> QueueJobs(string repository, IReadOnlyList<string> labels, int count = 1, TimeSpan? duration = null)
    {
        lock (_gate)
        {
            var repositoryId = RepositoryIdLocked(repository);
            var queued = new List<GiteaJobSnapshot>();
            for (var i = 0; i < count; i++)
            {
                var job = new GiteaEmulatedJob
                {
                    Id = ++_nextJob,
                    Repository = repository,
                    RepositoryId = repositoryId,
                    Labels = labels,
                    Duration = duration ?? options.DefaultJobDuration,
                };
                _jobs.Add(job);
                queued.Add(Announce("queued", job));
            }

            return queued;
        }
    }

    /// <summary>Re-runs a finished job: Gitea and Forgejo 15 raise its attempt, Forgejo 11 resets the same row.</summary>
    public GiteaJobSnapshot Rerun(long jobId)
    {
        lock (_gate)
        {
            var job = _jobs.Single(j => j.Id == jobId);
            if (job.State != GiteaJobState.Success)
            {
                throw new InvalidOperationException($"job {jobId} has not finished");
            }

            if (options.Flavor != GiteaFlavor.Forgejo11)
            {
                job.Attempt++;
            }

            (job.State, job.RunnerId, job.RunnerName, job.TaskId) = (GiteaJobState.Waiting, null, null, 0);
            return Announce("queued", job);
        }
    }

    public IReadOnlyList<GiteaJobSnapshot> Jobs()
    {
        lock (_gate)
        {
            return [.. _jobs.Select(GiteaJobSnapshot.Of)];
        }
    }

    /// <summary>Runner rows still at the forge (Forgejo 11 never removes one by itself).</summary>
    public IReadOnlyList<GiteaEmulatedRunner> Runners(string? scope = null)
    {
        lock (_gate)
        {
            return [.. _runners.Where(r => !r.Deleted && (scope is null || r.Scope == scope))];
        }
    }

    /// <summary>The scope's registration token: reusable and without expiry, as on the real forges.</summary>
    public string RegistrationToken(string scope)
    {
        lock (_gate)
        {
            foreach (var (token, owner) in _tokenScopes)
            {
                if (owner == scope)
                {
                    return token;
                }
            }

            var created = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            _tokenScopes[created] = scope;
            return created;
        }
    }

    /// <summary>The runner protocol's <c>Register</c>; null for an unknown token. Forgejo ≤ 14 ignores <c>ephemeral</c>.</summary>
    public GiteaEmulatedRunner? Register(string token, string name, IReadOnlyList<string> labels, bool ephemeral)
    {
        lock (_gate)
        {
            return _tokenScopes.TryGetValue(token, out var scope)
                ? AddRunnerLocked(scope, name, labels, ephemeral && options.Flavor != GiteaFlavor.Forgejo11)
                : null;
        }
    }

    /// <summary>Forgejo 15's <c>POST …/actions/runners</c>.</summary>
    public GiteaEmulatedRunner RegisterRest(string scope, string name, bool ephemeral)
    {
        lock (_gate)
        {
            return AddRunnerLocked(scope, name, [], ephemeral);
        }
    }

    public GiteaEmulatedRunner? Authenticate(string? uuid, string? token)
    {
        lock (_gate)
        {
            var runner = _runners.FirstOrDefault(r => !r.Deleted && r.Uuid == uuid);
            return runner is not null && token is not null
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(runner.Token), System.Text.Encoding.UTF8.GetBytes(token))
                ? runner
                : null;
        }
    }

    public void Declare(GiteaEmulatedRunner runner, IReadOnlyList<string> labels)
    {
        lock (_gate)
        {
            runner.Labels = labels.Count > 0 ? labels : runner.Labels;
            runner.Online = true;
        }
    }

    /// <summary>The runner protocol's <c>FetchTask</c>: the first waiting job the runner can take, or null.</summary>
    public GiteaJobSnapshot? Fetch(GiteaEmulatedRunner runner)
    {
        lock (_gate)
        {
            runner.Online = true;
            if (runner.Deleted || runner.TaskJobId is not null || (runner.Ephemeral && runner.HadTask))
            {
                return null;
            }

            var names = runner.Labels.Select(l => l.Split(':', 2)[0]).ToHashSet(StringComparer.Ordinal);
            var job = _jobs.FirstOrDefault(j => j.State == GiteaJobState.Waiting && runner.Serves(j.Repository) && j.Labels.All(names.Contains));
            if (job is null)
            {
                return null;
            }

            (job.State, job.RunnerId, job.RunnerName, job.TaskId) = (GiteaJobState.Running, runner.Id, runner.Name, ++_nextTask);
            (runner.TaskJobId, runner.HadTask) = (job.Id, true);
            return Announce("in_progress", job);
        }
    }

    /// <summary>The runner protocol's final <c>UpdateTask</c>: the job succeeded; an ephemeral runner is removed (not on Forgejo 11).</summary>
    public GiteaJobSnapshot? Complete(GiteaEmulatedRunner runner, long taskId)
    {
        lock (_gate)
        {
            var job = _jobs.FirstOrDefault(j => j.TaskId == taskId && j.RunnerId == runner.Id && j.State == GiteaJobState.Running);
            if (job is null)
            {
                return null;
            }

            job.State = GiteaJobState.Success;
            runner.TaskJobId = null;
            runner.Deleted |= runner.Ephemeral;
            return Announce("completed", job);
        }
    }

    public bool DeleteRunner(string scope, long id)
    {
        lock (_gate)
        {
            var runner = _runners.FirstOrDefault(r => !r.Deleted && r.Id == id && r.Scope == scope);
            if (runner is null)
            {
                return false;
            }

            runner.Deleted = true;
            return true;
        }
    }

    /// <summary>Waiting and running jobs a runner at <paramref name="scope"/> with <paramref name="labels"/> could take.</summary>
    public IReadOnlyList<GiteaJobSnapshot> Queue(string scope, IReadOnlyCollection<string> labels)
    {
        var probe = new GiteaEmulatedRunner { Id = 0, Uuid = "", Token = "", Name = "", Scope = scope };
        lock (_gate)
        {
            return [.. _jobs
                .Where(j => j.State != GiteaJobState.Success && probe.Serves(j.Repository) && j.Labels.Count > 0 && j.Labels.All(labels.Contains))
                .Select(GiteaJobSnapshot.Of)];
        }
    }

    public (string FullName, string Owner)? Repository(long id)
    {
        lock (_gate)
        {
            return _repositories.FirstOrDefault(r => r.Value == id) is { Key: { } name } ? (name, name[..name.IndexOf('/', StringComparison.Ordinal)]) : null;
        }
    }

    private GiteaEmulatedRunner AddRunnerLocked(string scope, string name, IReadOnlyList<string> labels, bool ephemeral)
    {
        var runner = new GiteaEmulatedRunner
        {
            Id = ++_nextRunner,
            Uuid = Guid.NewGuid().ToString(),
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
            Name = name,
            Scope = scope,
            Labels = labels,
            Ephemeral = ephemeral,
        };
        _runners.Add(runner);
        return runner;
    }

    private long RepositoryIdLocked(string repository)
    {
        if (!_repositories.TryGetValue(repository, out var id))
        {
            id = _repositories.Count + 1;
            _repositories[repository] = id;
        }

        return id;
    }

    private GiteaJobSnapshot Announce(string action, GiteaEmulatedJob job)
    {
        var snapshot = GiteaJobSnapshot.Of(job);
        Changes.Writer.TryWrite((action, snapshot));
        return snapshot;
    }
}
