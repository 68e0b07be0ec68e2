namespace Hangar.Cli.Simulation;

/// <summary>A create (the runner's machine) or a destroy waiting for, or holding, a provider slot.</summary>
internal sealed record SlotWork(SimRunner Runner, bool Destroy);
