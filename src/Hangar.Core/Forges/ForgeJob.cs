using Hangar.Core.Jobs;

namespace Hangar.Core.Forges;

public sealed record ForgeJob(long Id, JobStatus Status, string? RunnerName, long? RunnerId, string? Conclusion, IReadOnlyList<string> Labels);
