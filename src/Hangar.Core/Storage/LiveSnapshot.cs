using Hangar.Core.Instances;
using Hangar.Core.Jobs;

namespace Hangar.Core.Storage;

/// <param name="Version">Changes whenever a row of the snapshot changed (equal versions: equal contents).</param>
/// <param name="Instances">Every instance not deleted, in the store's list order (created, then name).</param>
/// <param name="OpenJobs">Every waiting, queued or in-progress job, in the store's list order (queued, id, forge, attempt).</param>
public sealed record LiveSnapshot(long Version, IReadOnlyList<Instance> Instances, IReadOnlyList<Job> OpenJobs);
