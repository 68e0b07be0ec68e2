namespace Hangar.Core.Planning;

/// <summary>A stopped machine of the pool to start now, for demand its running supply does not cover.</summary>
public sealed record InstanceStart(string Instance, string Pool);
