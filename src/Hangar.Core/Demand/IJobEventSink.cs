using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Core.Demand;

/// <summary>
/// The one way demand enters Hangar, whatever its source (webhook endpoint, <see cref="IDemandSource"/>, re-checks of
/// known jobs): stores the event durably (deduplicated by its key, merged by the forward-only rule), then wakes the
/// engine. Nothing else happens on the way in; everything else is derived from the stored state.
/// </summary>
public interface IJobEventSink
{
    /// <summary>Returns only after the event is durably stored (or recognised as a duplicate or stale).</summary>
    Task<JobEventOutcome> SubmitAsync(JobEvent jobEvent, CancellationToken cancellationToken = default);
}
