using Hangar.Emulator.Faults;
using Hangar.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Cli.Demo;

/// <summary>What <see cref="DemoScenario"/> runs: <c>hangar demo</c>'s settings by default; the reliability tests
/// tighten the loops and add faults.</summary>
internal sealed record DemoOptions
{
    public int Jobs { get; init; } = 20;

    /// <summary>How jobs reach Hangar: <c>webhook</c>, or <c>scaleset</c> (each pool a runner scale set, no webhook).</summary>
    public string Mode { get; init; } = "webhook";

    /// <summary><c>docker</c>, <c>process</c> or <c>external</c> (a GARM provider executable: <see cref="ExternalExecutable"/>).</summary>
    public required string Provider { get; init; }

    /// <summary>The GARM provider executable when <see cref="Provider"/> is <c>external</c>.</summary>
    public string? ExternalExecutable { get; init; }

    /// <summary>Host variable prefixes the external provider may see.</summary>
    public IReadOnlyList<string> ExternalEnvironment { get; init; } = ["PATH", "HOME"];

    /// <summary>Docker image of the emulated runner.</summary>
    public string Image { get; init; } = DemoProviders.RunnerImage;

    public TimeSpan JobDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where SQLite and process work directories go; a fresh temp directory when null.</summary>
    public string? DataDir { get; init; }

    /// <summary>Server logs on the console.</summary>
    public bool Verbose { get; init; }

    public int MaxRunnersPerPool { get; init; } = 10;

    /// <summary>Controller id for this run; unique by default so runs never see each other's machines.</summary>
    public string ControllerId { get; init; } = "demo-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The emulated repository the jobs are queued in.</summary>
    public string Repository { get; init; } = DemoScenario.Repository;

    /// <summary>The provider's <c>max_concurrency</c>.</summary>
    public int MaxConcurrency { get; init; } = 8;

    public TimeSpan ConvergeInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan IdleGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The reconcile loops; the server's defaults when null.</summary>
    public ReconcileOptions? Loops { get; init; }

    /// <summary>What the emulator does wrong (REST errors, lost or repeated webhooks).</summary>
    public EmulatorFaults Faults { get; init; } = EmulatorFaults.None;

    /// <summary>Told where the run stands at every look; when null, each change is said as one line instead.</summary>
    public Action<DemoProgress>? Progress { get; init; }

    /// <summary>Changes the server's services before it starts (a test wraps its providers in faults this way).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
