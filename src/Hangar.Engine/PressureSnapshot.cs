namespace Hangar.Engine;

/// <summary>Every flavor's pressure at one count. <see cref="Version"/> grows by one with each change.</summary>
public sealed record PressureSnapshot(long Version, IReadOnlyDictionary<string, int> Values);
