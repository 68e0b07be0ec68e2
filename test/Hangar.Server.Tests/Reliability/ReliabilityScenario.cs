using Hangar.Cli.Demo;
using Hangar.Core.Instances;
using Hangar.Emulator.Faults;
using Hangar.Emulator.State;
using Hangar.Engine;
using Hangar.Testing;

namespace Hangar.Server.Tests.Reliability;

/// <summary>
/// <see cref="DemoScenario"/> (the real server in this process against the emulator, with real runners: local
/// processes or Docker containers) under injected faults: the emulator's (REST, webhooks) and a
/// <see cref="FaultyProvider"/> around the real provider. Queues the jobs, waits until every job completed and nothing
/// of ours is left anywhere, and reports the figures.
/// </summary>
internal sealed class ReliabilityScenario(ReliabilityScenarioOptions options, Action<string> say)
{
    public const string Repository = "hangar-chaos/app";

    public async Task<ReliabilityFigures> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<FaultyProvider> faulty = [];
        var demo = new DemoOptions
        {
            Jobs = options.Jobs,
            Provider = options.Provider,
            ControllerId = options.ControllerId,
            MaxRunnersPerPool = options.MaxRunnersPerPool,
            JobDuration = options.JobDuration,
            Faults = options.Faults,
            Loops = options.Loops,
            Timeout = options.Timeout,
            Verbose = options.Verbose,
            Repository = Repository,
            MaxConcurrency = 4,
            ConvergeInterval = TimeSpan.FromSeconds(1),
            BootTimeout = TimeSpan.FromMinutes(1),
            IdleGrace = TimeSpan.FromSeconds(3),
            ConfigureServices = services =>
            {
                if (options.CreateFailureRate > 0 || options.DeleteFailureRate > 0)
                {
                    faulty = FaultyProvider.Install(services, options.CreateFailureRate, options.DeleteFailureRate, options.Faults.Seed);
                }
            },
        };
        say($"provider create/delete failure rates {options.CreateFailureRate}/{options.DeleteFailureRate}");

        var outcome = await new DemoScenario(demo, say).RunAsync(cancellationToken);

        var figures = ReliabilityFigures.From(outcome, faulty);
        say(figures.ToString());
        return figures;
    }
}

internal sealed record ReliabilityScenarioOptions
{
    public int Jobs { get; init; } = 30;

    public string Provider { get; init; } = "process";

    public string ControllerId { get; init; } = "rel-" + Guid.NewGuid().ToString("N")[..8];

    public int MaxRunnersPerPool { get; init; } = 6;

    public TimeSpan JobDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public EmulatorFaults Faults { get; init; } = EmulatorFaults.None;

    public double CreateFailureRate { get; init; }

    public double DeleteFailureRate { get; init; }

    /// <summary>Fast loops so that a lost event costs seconds, not minutes.</summary>
    public ReconcileOptions Loops { get; init; } = new()
    {
        ReaperInterval = TimeSpan.FromSeconds(2),
        StoreGhostsInterval = TimeSpan.FromSeconds(1),
        ProviderOrphansInterval = TimeSpan.FromSeconds(2),
        ForgeOrphansInterval = TimeSpan.FromSeconds(2),
        ForgeOrphanGrace = TimeSpan.FromSeconds(4),
        StaleJobsInterval = TimeSpan.FromSeconds(2),
        StaleJobAfter = TimeSpan.FromSeconds(5),
        CreateRetryInterval = TimeSpan.FromMilliseconds(500),
        CreateRetry = new() { MaxAttempts = 3, Delay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(5) },
        CreateBreaker = new() { Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) },
    };

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(4);

    public bool Verbose { get; init; }
}

internal sealed record ReliabilityFigures
{
    public int Jobs { get; init; }

    public int Completed { get; init; }

    public int Lost { get; init; }

    public int JobsWithSeveralRunners { get; init; }

    public int RunnersWithSeveralJobs { get; init; }

    public int InstancesCreated { get; init; }

    public int Registrations { get; init; }

    public int LeakedMachines { get; init; }

    public int LeakedInstances { get; init; }

    public int LeakedRegistrations { get; init; }

    public int WebhooksDropped { get; init; }

    public int WebhooksDuplicated { get; init; }

    public int WebhooksReordered { get; init; }

    public int ProviderCreateFailures { get; init; }

    public int ProviderDeleteFailures { get; init; }

    public double MaxQueueToStartSeconds { get; init; }

    public double SecondsToConverge { get; init; }

    public bool TimedOut { get; init; }

    public static ReliabilityFigures From(DemoOutcome outcome, IReadOnlyList<FaultyProvider> faulty)
    {
        var jobs = outcome.Jobs;
        var runners = outcome.Registrations;
        var deliveries = outcome.Deliveries;
        var latencies = jobs.Where(j => j.StartedAt is not null).Select(j => (j.StartedAt!.Value - j.QueuedAt).TotalSeconds).Order().ToArray();
        return new ReliabilityFigures
        {
            Jobs = jobs.Count,
            Completed = jobs.Count(j => j.Status == EmulatedJobStatus.Completed),
            Lost = jobs.Count(j => j.Status != EmulatedJobStatus.Completed),
            JobsWithSeveralRunners = jobs.Count(j => runners.Count(r => r.JobId == j.Id) > 1),
            RunnersWithSeveralJobs = jobs.Where(j => j.RunnerId is not null).GroupBy(j => j.RunnerId).Count(g => g.Count() > 1),
            InstancesCreated = outcome.Instances.Count,
            Registrations = runners.Count,
            LeakedMachines = outcome.MachinesLeft,
            LeakedInstances = outcome.Instances.Count(i => i.State != InstanceState.Deleted),
            LeakedRegistrations = runners.Count(r => !r.Removed),
            WebhooksDropped = deliveries.Count(d => d.Fault == "dropped"),
            WebhooksDuplicated = deliveries.Count(d => d.Fault == "duplicated"),
            WebhooksReordered = deliveries.Count(d => d.Fault == "reordered"),
            ProviderCreateFailures = faulty.Sum(f => f.CreateFailures),
            ProviderDeleteFailures = faulty.Sum(f => f.DeleteFailures),
            MaxQueueToStartSeconds = latencies.Length == 0 ? 0 : Math.Round(latencies[^1], 1),
            SecondsToConverge = Math.Round(outcome.Converged.TotalSeconds, 1),
            TimedOut = outcome.TimedOut,
        };
    }
}
