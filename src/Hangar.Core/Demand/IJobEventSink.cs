using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Core.Demand;

/// <summary>Where every demand source hands its events: stores them durably, then wakes the engine.</summary>
public interface IJobEventSink
{
    /// <summary>Returns only after the event is durably stored (or recognised as a duplicate).</summary>
    Task<JobEventOutcome> SubmitAsync(JobEvent jobEvent, CancellationToken cancellationToken = default);
}
