namespace Hangar.Core.Storage;

/// <summary>A repository Hangar has jobs from, with an owner and enterprise its jobs named (when any did).</summary>
public sealed record JobRepository(string Forge, string Repository, string? Owner, string? Enterprise);
