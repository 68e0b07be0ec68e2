using Hangar.Core.Pools;

namespace Hangar.Core.RunnerGroups;

/// <summary>A managed runner group where it lives: the forge and target of the pools that declare it.</summary>
public sealed record ManagedRunnerGroup(string Forge, ForgeTarget Target, RunnerGroupSpec Spec);
