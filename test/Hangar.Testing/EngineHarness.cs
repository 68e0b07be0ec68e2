using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Engine.Actuation;
using Hangar.Engine.Reconcile;
using Hangar.Store;
using Hangar.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Testing;

/// <summary>
/// The real engine, composed with the calls the host makes (<see cref="SqliteStoreServiceCollectionExtensions.AddHangarSqliteStore"/>,
/// <see cref="EngineServiceCollectionExtensions.AddHangarEngine(IServiceCollection, EngineOptions)"/>) over a real
/// SQLite file in a temp directory; only the outside world is replaced: recording fakes for every forge and provider
/// the pools name, and a fake clock. Nothing runs on its own: tests drive passes explicitly (or start the hosted
/// services). <see cref="RestartAsync"/> simulates a process restart: a new service provider over the same database,
/// while the fakes and the clock carry on.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public const string ControllerId = "hangar-test";

    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly EngineHarnessOptions _options;
    private readonly FakeTimeProvider? _clock;
    private readonly Dictionary<string, RecordingProvider> _providers;
    private readonly Dictionary<string, RecordingForge> _forges;
    private ServiceProvider _services;
    private List<IHostedService>? _started;

    private EngineHarness(EngineHarnessOptions options)
    {
        _options = options;
        _clock = options.UseSystemClock ? null : new FakeTimeProvider(Epoch);
        Time = (TimeProvider?)_clock ?? TimeProvider.System;
        Directory = System.IO.Directory.CreateTempSubdirectory("hangar-engine-").FullName;
        _providers = options.Pools.Select(p => p.Provider).Append(RecordingProvider.DefaultName).Distinct(StringComparer.Ordinal)
            .ToDictionary(n => n, n => new RecordingProvider(n), StringComparer.Ordinal);
        _forges = options.Pools.Select(p => p.Forge).Append(RecordingForge.DefaultName).Distinct(StringComparer.Ordinal)
            .ToDictionary(n => n, n => options.Forges.FirstOrDefault(f => f.Name == n) ?? new RecordingForge(n), StringComparer.Ordinal);
        EngineOptions = new EngineOptions
        {
            ControllerId = ControllerId,
            Pools = options.Pools,
            ProviderConcurrency = options.ProviderConcurrency,
        };
        if (options.Configure is { } configure)
        {
            EngineOptions = configure(EngineOptions);
        }

        _services = BuildServices();
    }

    /// <summary>The temp directory holding the database; deleted on dispose.</summary>
    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "hangar.db");

    public TimeSpan Timeout => _options.Timeout;

    public EngineOptions EngineOptions { get; private set; }

    public TimeProvider Time { get; }

    /// <summary>The fake clock every engine class reads. Throws when the harness uses the system clock.</summary>
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException("this harness uses the system clock");

    /// <summary>The first pool.</summary>
    public PoolSpec Pool => EngineOptions.Pools[0];

    /// <summary>The provider of the first pool.</summary>
    public RecordingProvider Provider => _providers[Pool.Provider];

    /// <summary>The forge of the first pool.</summary>
    public RecordingForge Forge => _forges[Pool.Forge];

    public IServiceProvider Services => _services;

    public IStore Store => _services.GetRequiredService<IStore>();

    // The engine's own types are internal: what only the harness uses stays internal here too; the passes are
    // offered to tests as IReconcilePass (tests in Hangar.Engine.Tests reach the rest through DI).
    public IJobEventSink Intake => _services.GetRequiredService<IJobEventSink>();

    internal ConvergePass ConvergePass => _services.GetRequiredService<ConvergePass>();

    public IReconcilePass RunnerStatusPass => _services.GetRequiredService<RunnerStatusPass>();

    public IReconcilePass StoreGhostsPass => _services.GetRequiredService<StoreGhostsPass>();

    public IReconcilePass ProviderOrphansPass => _services.GetRequiredService<ProviderOrphansPass>();

    public IReconcilePass ForgeOrphansPass => _services.GetRequiredService<ForgeOrphansPass>();

    public IReconcilePass StaleJobsPass => _services.GetRequiredService<StaleJobsPass>();

    public IReconcilePass ReaperPass => _services.GetRequiredService<ReaperPass>();

    public IReconcilePass CreateRetryPass => _services.GetRequiredService<CreateRetryPass>();

    public IReconcilePass DeliveryPrunePass => _services.GetRequiredService<DeliveryPrunePass>();

    public IReconcilePass RetentionPass => _services.GetRequiredService<RetentionPass>();

    internal Actuator Actuator => _services.GetRequiredService<Actuator>();

    internal StartupRecovery StartupRecovery => _services.GetServices<IHostedService>().OfType<StartupRecovery>().Single();

    public static async Task<EngineHarness> StartAsync(EngineHarnessOptions? options = null, CancellationToken cancellationToken = default)
    {
        var harness = new EngineHarness(options ?? new EngineHarnessOptions());
        try
        {
            await harness.MigrateAsync(cancellationToken);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public static Task<EngineHarness> StartAsync(PoolSpec pool, CancellationToken cancellationToken = default) =>
        StartAsync(new EngineHarnessOptions { Pools = [pool] }, cancellationToken);

    public RecordingProvider ProviderNamed(string name) => _providers[name];

    public RecordingForge ForgeNamed(string name) => _forges[name];

    /// <summary>A job event of the first pool's forge and organization; by default queued and asking for <c>self-hosted, linux</c>.</summary>
    public JobEvent JobEvent(
        long jobId,
        JobStatus status = JobStatus.Queued,
        string? runnerName = null,
        long? runnerId = null,
        IReadOnlyList<string>? labels = null,
        string? deliveryId = null) => new()
        {
            Forge = Pool.Forge,
            JobId = jobId,
            Status = status,
            Repository = PoolSpecBuilder.Repository,
            Owner = PoolSpecBuilder.Organization,
            Labels = labels ?? ["self-hosted", "linux"],
            RunId = 1,
            Name = "build",
            RunnerName = runnerName,
            RunnerId = runnerId,
            Conclusion = status == JobStatus.Completed ? "success" : null,
            DeliveryId = deliveryId,
        };

    public Task<JobEventOutcome> SubmitAsync(JobEvent jobEvent, CancellationToken cancellationToken = default) =>
        Intake.SubmitAsync(jobEvent, cancellationToken).WaitAsync(Timeout, cancellationToken);

    public Task<JobEventOutcome> QueueJobAsync(long jobId, CancellationToken cancellationToken = default) =>
        SubmitAsync(JobEvent(jobId), cancellationToken);

    public Task<JobEventOutcome> StartJobAsync(long jobId, string runnerName, long? runnerId = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(JobEvent(jobId, JobStatus.InProgress, runnerName, runnerId), cancellationToken);

    public Task<JobEventOutcome> CompleteJobAsync(long jobId, string runnerName, long? runnerId = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(JobEvent(jobId, JobStatus.Completed, runnerName, runnerId), cancellationToken);

    /// <summary>One converge pass, then waits until every create and destroy it started has finished.</summary>
    public async Task<Plan> ConvergeAsync(CancellationToken cancellationToken = default)
    {
        var plan = await ConvergeWithoutWaitingAsync(cancellationToken);
        await WhenIdleAsync(cancellationToken);
        return plan;
    }

    /// <summary>One converge pass; the creates and destroys it started may still be under way.</summary>
    public Task<Plan> ConvergeWithoutWaitingAsync(CancellationToken cancellationToken = default) =>
        ConvergePass.RunAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);

    /// <summary>One pass of each observation loop (provider orphans, store ghosts, runner status), then waits until
    /// the actuator is idle.</summary>
    public async Task ObserveAsync(CancellationToken cancellationToken = default)
    {
        await ProviderOrphansPass.RunAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        await StoreGhostsPass.RunAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        await RunnerStatusPass.RunAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        await WhenIdleAsync(cancellationToken);
    }

    /// <summary>Runs one pass of <paramref name="pass"/>, then waits until the actuator is idle.</summary>
    public async Task RunPassAsync(Func<CancellationToken, Task> pass, CancellationToken cancellationToken = default)
    {
        await pass(cancellationToken).WaitAsync(Timeout, cancellationToken);
        await WhenIdleAsync(cancellationToken);
    }

    /// <summary>Runs startup recovery as the host would before any loop.</summary>
    public Task RecoverAsync(CancellationToken cancellationToken = default) =>
        StartupRecovery.StartAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);

    public Task WhenIdleAsync(CancellationToken cancellationToken = default) =>
        Actuator.WhenIdleAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);

    /// <summary>Starts every hosted service as the generic host does: each lifecycle service's <c>StartingAsync</c>
    /// (the store migration), then each <c>StartAsync</c> in registration order, then each <c>StartedAsync</c>.</summary>
    public async Task StartHostedServicesAsync(CancellationToken cancellationToken = default)
    {
        var services = _services.GetServices<IHostedService>().ToList();
        var lifecycles = services.OfType<IHostedLifecycleService>().ToList();
        foreach (var lifecycle in lifecycles)
        {
            await lifecycle.StartingAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        }

        _started = [];
        foreach (var service in services)
        {
            await service.StartAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            _started.Add(service);
        }

        foreach (var lifecycle in lifecycles)
        {
            await lifecycle.StartedAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        }
    }

    public Task<Instance?> FindInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        Store.GetInstanceAsync(name, cancellationToken).WaitAsync(Timeout, cancellationToken);

    public async Task<Instance> InstanceAsync(string name, CancellationToken cancellationToken = default) =>
        await FindInstanceAsync(name, cancellationToken) ?? throw new InvalidOperationException($"no instance named {name}");

    public Task<IReadOnlyList<Instance>> InstancesAsync(InstanceQuery? query = null, CancellationToken cancellationToken = default) =>
        Store.ListInstancesAsync(query ?? InstanceQuery.All, cancellationToken).WaitAsync(Timeout, cancellationToken);

    public Task<IReadOnlyList<Instance>> LiveInstancesAsync(CancellationToken cancellationToken = default) =>
        InstancesAsync(InstanceQuery.Live, cancellationToken);

    /// <summary>The instance's stored transitions, oldest first.</summary>
    public async Task<IReadOnlyList<InstanceTransition>> HistoryAsync(string name, CancellationToken cancellationToken = default)
    {
        var newestFirst = await Store.GetHistoryAsync(name, 100, cancellationToken).WaitAsync(Timeout, cancellationToken);
        return [.. newestFirst.Reverse()];
    }

    /// <summary>Inserts a pending intent directly, as a process that stored it and then died would have left it.</summary>
    public async Task<Instance> InsertIntentAsync(string name, PoolSpec? pool = null, CancellationToken cancellationToken = default)
    {
        pool ??= Pool;
        var now = Time.GetUtcNow();
        var instance = new Instance
        {
            Name = name,
            Pool = pool.Name,
            Provider = pool.Provider,
            State = InstanceState.Pending,
            CreatedAt = now,
            StateChangedAt = now,
            Forge = pool.Forge,
            Target = pool.Target,
        };
        await Store.InsertInstanceAsync(instance, "planned: inserted by test", cancellationToken).WaitAsync(Timeout, cancellationToken);
        return await InstanceAsync(name, cancellationToken);
    }

    /// <summary>
    /// Ends this "process" (hosted services stopped, actuator disposed: work under way is cancelled, as a crash or
    /// shutdown would interrupt it) and starts a new one over the same database, fakes and clock. Startup recovery is
    /// not run: call <see cref="RecoverAsync"/>.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopProcessAsync(cancellationToken);
        _services = BuildServices();
        await MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="RestartAsync"/> with the configuration changed to <paramref name="pools"/>, as an operator editing the
    /// file and restarting would. Providers no pool names any more are no longer given to the engine (their fakes stay,
    /// for the test to look at); new names get new fakes.
    /// </summary>
    public async Task RestartWithPoolsAsync(IReadOnlyList<PoolSpec> pools, CancellationToken cancellationToken = default)
    {
        await StopProcessAsync(cancellationToken);
        EngineOptions = EngineOptions with { Pools = pools };
        foreach (var pool in pools)
        {
            _providers.TryAdd(pool.Provider, new RecordingProvider(pool.Provider));
            _forges.TryAdd(pool.Forge, new RecordingForge(pool.Forge));
        }

        _services = BuildServices();
        await MigrateAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopProcessAsync(CancellationToken.None);
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on some platforms; the OS cleans temp eventually.
            }
        }
    }

    private async Task StopProcessAsync(CancellationToken cancellationToken)
    {
        if (_started is { } started)
        {
            // As the generic host stops: in reverse order, lifecycle services told before and after.
            _started = null;
            started.Reverse();
            var lifecycles = started.OfType<IHostedLifecycleService>().ToList();
            foreach (var lifecycle in lifecycles)
            {
                await lifecycle.StoppingAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            }

            foreach (var service in started)
            {
                await service.StopAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            }

            foreach (var lifecycle in lifecycles)
            {
                await lifecycle.StoppedAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            }
        }

        await _services.DisposeAsync().AsTask().WaitAsync(Timeout, cancellationToken);
    }

    /// <summary>The store migration the host runs before any hosted service starts, and nothing else.</summary>
    private Task MigrateAsync(CancellationToken cancellationToken) =>
        _services.GetServices<IHostedService>().OfType<StoreMigration>().Single().StartingAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (_options.Logs is { } logs)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddSingleton(Time);
        if (_options.WrapStore is { } wrap)
        {
            var options = new SqliteStoreOptions { Path = DatabasePath };
            services.AddSingleton(sp => wrap(new SqliteStore(options, sp.GetRequiredService<ILogger<SqliteStore>>(), Time)));
        }

        services.AddHangarSqliteStore(new SqliteStoreOptions { Path = DatabasePath });
        if (!_options.WithoutLiveView)
        {
            services.AddHangarLiveView();
        }

        var configured = EngineOptions.Pools.Select(p => p.Provider).Append(RecordingProvider.DefaultName).ToHashSet(StringComparer.Ordinal);
        foreach (var provider in _providers.Values.Where(p => configured.Contains(p.Name)))
        {
            services.AddSingleton<IProvider>(provider);
        }

        foreach (var forge in _forges.Values)
        {
            services.AddSingleton<IForge>(forge);
        }

        _options.ConfigureServices?.Invoke(services);
        services.AddHangarEngine(EngineOptions);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
