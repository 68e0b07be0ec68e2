using Hangar.Core.Jobs;

namespace Hangar.Core.Storage;

/// <summary>A job's route as a pass decided it: the pool that serves it, or why none can (exactly one of the two).</summary>
public sealed record JobRouteWrite(JobKey Job, string? Pool, string? UnroutableReason);
