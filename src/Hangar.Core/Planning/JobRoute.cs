using Hangar.Core.Jobs;

namespace Hangar.Core.Planning;

public sealed record JobRoute(JobKey Job, string Pool);
