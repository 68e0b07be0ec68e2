using Hangar.Core.Instances;
using Hangar.Emulator.State;

namespace Hangar.Cli.Demo;

/// <summary>What a <see cref="DemoScenario"/> run left: the forge's and the store's view once it settled (or timed out).</summary>
internal sealed record DemoOutcome
{
    /// <summary>The provider the runners ran on.</summary>
    public required string Provider { get; init; }

    /// <summary>Every job the emulator queued, as it ended.</summary>
    public required IReadOnlyList<EmulatedJob> Jobs { get; init; }

    /// <summary>Every runner registration the emulator saw, removed ones included.</summary>
    public required IReadOnlyList<EmulatedRunner> Registrations { get; init; }

    /// <summary>Every webhook delivery the emulator attempted.</summary>
    public required IReadOnlyList<WebhookDelivery> Deliveries { get; init; }

    /// <summary>Every instance the store recorded, deleted ones included.</summary>
    public required IReadOnlyList<Instance> Instances { get; init; }

    /// <summary>Jobs the server's store shows completed (it must agree with the forge).</summary>
    public required int JobsCompletedInStore { get; init; }

    /// <summary>Machines the providers still list (one per provider that could not be asked).</summary>
    public required int MachinesLeft { get; init; }

    /// <summary>The whole run, emulator and server start included.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>From queueing the jobs until everything settled (or the timeout).</summary>
    public required TimeSpan Converged { get; init; }

    public required bool TimedOut { get; init; }

    public DemoSummary Summary => DemoSummary.From(this);
}
