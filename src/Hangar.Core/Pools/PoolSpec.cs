using Hangar.Core.Planning.Policies;
using Hangar.Core.Providers;

namespace Hangar.Core.Pools;

/// <summary>A pool as configured: which jobs it serves and what its runners look like.</summary>
public sealed record PoolSpec
{
    /// <summary>The <see cref="Provider"/> of a pressure-only pool: Hangar routes its jobs and counts its pressure, and an
    /// outside runner manager, following the pressure stream, makes its runners. No instance is ever made for it.</summary>
    public const string NoProvider = "none";

    public required string Name { get; init; }

    public required string Forge { get; init; }

    public required ForgeTarget Target { get; init; }

    /// <summary>Labels the pool's runners carry. <c>self-hosted</c> is implied and need not be listed, unless
    /// <see cref="ImplicitLabels"/> is off.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Whether runners also carry <c>self-hosted</c> (sent explicitly to the forge, since a GitHub JIT
    /// registration carries only the labels it is given). Off: exactly <see cref="Labels"/>.</summary>
    public bool ImplicitLabels { get; init; } = true;

    public required string Provider { get; init; }

    /// <summary>With several replicas: the one replica (its <c>server.replica</c>) that may own this pool. Needed when
    /// the provider is host-local (a <c>process</c> provider); null lets any replica own it.</summary>
    public string? Replica { get; init; }

    public string? Image { get; init; }

    /// <summary>The command that starts the runner inside the instance; empty means the image's default.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];

    public string? NetworkMode { get; init; }

    public double? Cpus { get; init; }

    public long? MemoryMb { get; init; }

    /// <summary>The size of the machine's disk in GiB; null for the provider's default (the image's size).</summary>
    public int? DiskGb { get; init; }

    /// <summary>A cloud's machine type for the runner (a GARM provider's "flavor"); null for the provider's default.</summary>
    public string? InstanceType { get; init; }

    /// <summary>How the runner's credential reaches it: in its environment, or in a file its user alone can read
    /// (not in the container's configuration, nor in <c>/proc/PID/environ</c>).</summary>
    public CredentialDelivery CredentialDelivery { get; init; } = CredentialDelivery.Environment;

    /// <summary>The user the runner runs as; null for the provider's default.</summary>
    public string? User { get; init; }

    /// <summary>Run the runner with a read-only root filesystem (Docker).</summary>
    public bool ReadOnlyRoot { get; init; }

    public int MinIdle { get; init; }

    /// <summary>
    /// Stopped machines kept ready (<c>min_stopped</c>): made but not running, started for a job in a fraction of a
    /// cold create. Only for providers that can prepare a machine and start it later.
    /// </summary>
    public int MinStopped { get; init; }

    /// <summary>How many runners are kept warm beyond queued jobs (<c>policy</c>): <c>static</c> (<see cref="MinIdle"/>),
    /// <c>schedule</c> or <c>predictive</c>; <see cref="MinIdle"/> is the floor of every policy.</summary>
    public WarmPolicy Policy { get; init; } = StaticWarmPolicy.Instance;

    public int MaxRunners { get; init; } = 10;

    public int Priority { get; init; }

    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a runner still busy at its <see cref="Ttl"/> may go on with its job: it is drained after the job, and
    /// killed only at <c>ttl + max_job_duration</c> (the hard cap). Six hours is the limit GitHub puts on jobs on its own
    /// hosted runners; self-hosted jobs may legally run for days, hence a setting.
    /// </summary>
    public TimeSpan MaxJobDuration { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How long a runner must have been idle before scale-down may retire it.</summary>
    public TimeSpan IdleGrace { get; init; } = TimeSpan.FromMinutes(2);

    public string? RunnerGroup { get; init; }

    /// <summary>The runner group's declared state when Hangar manages it (<c>runner_group</c> given as a mapping; its
    /// name is also <see cref="RunnerGroup"/>); null when the group is only used, as it is at the forge.</summary>
    public RunnerGroups.RunnerGroupSpec? ManagedRunnerGroup { get; init; }

    /// <summary>The runner scale set this pool is, when its forge is in scale-set mode (the pool's name by default);
    /// null for a pool fed by webhooks.</summary>
    public string? ScaleSet { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Gitea and Forgejo ≤ 14: hand machines the scope's reusable registration token rather than a registration
    /// Hangar made for each (see <see cref="Forges.RunnerRequest.SharedRegistrationToken"/>). Off by default.</summary>
    public bool SharedRegistrationToken { get; init; }

    /// <summary>What the pool's runners run on, e.g. <c>linux-x64</c>; shown to planner API clients, never interpreted.</summary>
    public string? Platform { get; init; }

    /// <summary>The pressure the planner API reports for this pool (as a flavor) when fewer jobs are open: a floor an
    /// outside runner manager keeps warm capacity for.</summary>
    public int MinimumPressure { get; init; }

    /// <summary>
    /// Where the in-instance agent (<c>hangar-agent</c>) is inside the pool's machines, when they carry it: Hangar then
    /// starts the agent, which dials Hangar's agent endpoint, starts <see cref="Command"/> (the runner) under it and
    /// streams its output from boot on. Null: the machine runs <see cref="Command"/> as it is.
    /// </summary>
    public string? Agent { get; init; }

    /// <summary>A pool used only by <c>hangar exec</c>: it needs no forge, and the engine never plans runners for it.</summary>
    public bool ExecOnly { get; init; }

    /// <summary>A pool whose runners Hangar never makes (<see cref="NoProvider"/>).</summary>
    public bool IsPressureOnly => Provider == NoProvider;
}
