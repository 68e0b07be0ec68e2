using Hangar.Cli.Demo;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Testing;
using Hangar.Testing.Storage;
using Npgsql;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// Two real <c>hangar serve</c> processes, replicas <c>a</c> and <c>b</c>, on one PostgreSQL schema of the shared test
/// server, serving the emulator's jobs on the real Docker engine. <c>a</c> starts first and so takes every lease; the
/// emulator sends its webhooks to <c>b</c>, so each job's demand travels from <c>b</c>'s intake to <c>a</c> through the
/// database. Each replica's connections carry an application name of their own (<c>pg_terminate_backend</c> picks them).
/// </summary>
internal sealed class ReplicaPair : IAsyncDisposable
{
    public const string ApiToken = "replicas-api-token";
    public const string AdminToken = "replicas-admin-token";
    private const string Token = "ghp_replicas_token";
    private const string Secret = "replicas-webhook-secret";

    private readonly string _dir;
    private readonly string _connectionString;
    private readonly PostgresTestSchema? _schema;
    private int _extraPools;

    private readonly bool _scaleSets;

    private ReplicaPair(string dir, string controllerId, string connectionString, PostgresTestSchema? schema, EmulatorHost emulator, bool scaleSets)
    {
        _scaleSets = scaleSets;
        _dir = dir;
        ControllerId = controllerId;
        _connectionString = connectionString;
        _schema = schema;
        Emulator = emulator;
    }

    public string ControllerId { get; }

    public EmulatorHost Emulator { get; }

    public ServerProcess A { get; private set; } = null!;

    public ServerProcess B { get; private set; } = null!;

    public string LogA => Path.Combine(_dir, "a.log");

    public string LogB => Path.Combine(_dir, "b.log");

    public string ApplicationNameOf(string replica) => $"hgr-{ControllerId}-{replica}";

    /// <param name="database">A server of the test's own (a throwaway cluster); null: a new schema on the shared test server.</param>
    /// <param name="extraPools">Pools <c>spread-1</c>… besides <c>linux</c>, with labels no job asks for (to watch pools spread).</param>
    /// <param name="scaleSets">The forge in scale-set mode: the pool is scale set <c>linux</c> at the organization, its
    /// listener's session owned through the <c>source:</c> lease (<see cref="SessionOwnerAsync"/>); no webhooks.</param>
    public static async Task<ReplicaPair> StartAsync(
        string leaseDuration, string convergeInterval, CancellationToken ct, string? database = null, int extraPools = 0, bool scaleSets = false)
    {
        await DockerImage.EnsureRunnerImageAsync();
        var schema = database is null ? await PostgresTestServer.CreateSchemaAsync() : null;
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = Token,
            WebhookSecret = Secret,
            DefaultJobDuration = TimeSpan.FromSeconds(2),
            ScaleSetPollWait = TimeSpan.FromSeconds(2),
            SessionTimeout = TimeSpan.FromSeconds(6),
        }, ct);
        var pair = new ReplicaPair(
            Directory.CreateTempSubdirectory("hangar-replicas-").FullName, "rp-" + Guid.NewGuid().ToString("N")[..8], database ?? schema!.ConnectionString, schema, emulator, scaleSets)
        {
            _extraPools = extraPools,
        };
        pair.A = await pair.StartReplicaAsync("a", leaseDuration, convergeInterval, ct);
        await Poll.UntilAsync(async () => await pair.PoolOwnerAsync() is { } owner && owner.StartsWith("a/", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "replica a to own the pool", ct);
        pair.B = await pair.StartReplicaAsync("b", leaseDuration, convergeInterval, ct);
        if (!scaleSets)
        {
            emulator.SetWebhook(new Uri(pair.B.Url, "webhooks/github"), Secret);
        }

        return pair;
    }

    /// <summary>Runs <paramref name="sql"/> in the replicas' database (their schema) and returns the first value.</summary>
    public Task<object?> ExecuteAsync(string sql) => PostgresTestServer.ExecuteAsync(_connectionString, sql);

    /// <summary>The current holder of the pool's lease (null when none holds it now, or the database does not answer).</summary>
    public Task<string?> PoolOwnerAsync() => HolderAsync("pool:linux");

    /// <summary>The current holder of the scale-set listener's lease, so of its session (scale-set mode).</summary>
    public Task<string?> SessionOwnerAsync() => HolderAsync("source:scaleset:github/linux");

    private async Task<string?> HolderAsync(string lease)
    {
        try
        {
            return (string?)await ExecuteAsync($"SELECT holder FROM leases WHERE name = '{lease}' AND expires_at > now();");
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>Each pool's current lease holder (null while none holds it), by pool name.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> PoolOwnersAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT name, CASE WHEN expires_at > now() THEN holder END FROM leases WHERE name LIKE 'pool:%' ORDER BY name;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var owners = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            owners[reader.GetString(0)["pool:".Length..]] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return owners;
    }

    public void QueueJobs(int count) =>
        Emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux"], Count = count });

    /// <summary>Every job completed once by its own runner, every machine and registration gone, the store agreeing.</summary>
    public async Task WaitAllServedAndCleanAsync(ServerProcess survivor, TimeSpan deadline, CancellationToken ct)
    {
        await Poll.UntilAsync(
            async () => Emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)
                && await Probes.CountContainersAsync(ControllerId) == 0
                && await Probes.LiveRunnersAsync(survivor.Url, ApiToken) == 0
                && Emulator.State.Runners.All(r => r.Removed),
            deadline,
            "every job completed and everything cleaned up",
            ct,
            Probes.LookInterval);

        var jobs = Emulator.State.Jobs;
        jobs.ShouldAllBe(j => j.RunnerId != null);
        jobs.Select(j => j.RunnerId).Distinct().Count().ShouldBe(jobs.Count, "no runner ran two jobs");
        var runnerNames = Emulator.State.Runners.ToDictionary(r => r.Id, r => r.Name);
        jobs.Select(j => runnerNames[j.RunnerId!.Value]).Distinct().Count().ShouldBe(jobs.Count, "each job ran on a runner of its own, under a name of its own");
        await Poll.UntilAsync(
            async () => (long)(await ExecuteAsync("SELECT count(*) FROM instances WHERE state <> 'Deleted';"))! == 0,
            TimeSpan.FromSeconds(30), "the store to show no live instance", ct, Probes.LookInterval);
    }

    private async Task<ServerProcess> StartReplicaAsync(string replica, string leaseDuration, string convergeInterval, CancellationToken ct)
    {
        var port = LoopbackPort.Free();
        var config = Path.Combine(_dir, $"{replica}.yaml");
        await File.WriteAllTextAsync(config, Config(replica, port, leaseDuration, convergeInterval), ct);
        var env = new Dictionary<string, string>
        {
            ["REPLICAS_GH_TOKEN"] = Token,
            ["REPLICAS_GH_SECRET"] = Secret,
            ["REPLICAS_API_TOKEN"] = ApiToken,
            ["REPLICAS_ADMIN_TOKEN"] = AdminToken,
            ["REPLICAS_STORE"] = new NpgsqlConnectionStringBuilder(_connectionString) { ApplicationName = ApplicationNameOf(replica) }.ConnectionString,
        };
        var server = ServerProcess.Start(config, port, env, Path.Combine(_dir, $"{replica}.log"));
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    private string Config(string replica, int port, string leaseDuration, string convergeInterval) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {_dir}/{replica}-data
          controller_id: {ControllerId}
          replica: {replica}
          leases:
            duration: {leaseDuration}
          api_tokens:
            - name: api
              env: REPLICAS_API_TOKEN
            - name: admin
              env: REPLICAS_ADMIN_TOKEN
              scope: admin
          converge_interval: {convergeInterval}
          observe_interval: 1s
          scale_sets:
            conflict_retry_min: 1s
            conflict_retry_max: 2s
            error_backoff_first: 500ms
            error_backoff_max: 2s
        store:
          type: postgres
          connection_string:
            env: REPLICAS_STORE
        forges:
          github:
            type: github
            api_url: {Emulator.ApiUrl}
            mode: {(_scaleSets ? "scaleset" : "webhook")}
            token:
              env: REPLICAS_GH_TOKEN
            webhook_secret:
              env: REPLICAS_GH_SECRET
        providers:
          docker:
            type: docker
            max_concurrency: 2
        pools:
          linux:
            forge: github
            {(_scaleSets ? "organization: " + DemoScenario.Repository.Split('/')[0] : "repository: " + DemoScenario.Repository)}
            labels: [linux]
            provider: docker
            image: {DemoProviders.RunnerImage}
            network_mode: host
            max_runners: 4
            idle_grace: 2s
        {string.Concat(Enumerable.Range(1, _extraPools).Select(ExtraPool))}
        """;

    private static string ExtraPool(int i) => $"""

          spread-{i}:
            forge: github
            repository: {DemoScenario.Repository}
            labels: [spread-{i}]
            provider: docker
            image: {DemoProviders.RunnerImage}
            network_mode: host
            max_runners: 1
        """;

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
