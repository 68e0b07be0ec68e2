namespace Hangar.Core.Pools;

public sealed record MountSpec(string Source, string Target, bool ReadOnly = true);
