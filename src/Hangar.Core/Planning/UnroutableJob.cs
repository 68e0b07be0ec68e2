using Hangar.Core.Jobs;

namespace Hangar.Core.Planning;

public sealed record UnroutableJob(JobKey Job, string Reason);
