namespace Hangar.Core.Storage;

public enum JobEventOutcome
{
    /// <summary>A job Hangar had not seen.</summary>
    Created,

    /// <summary>The job moved forward or gained information.</summary>
    Updated,

    /// <summary>Older than what is stored (e.g. a late <c>queued</c>): stored nothing.</summary>
    Stale,

    /// <summary>The delivery id was seen before: stored nothing.</summary>
    Duplicate,

    /// <summary>Handed on to a durable queue (a gateway): its consumer stores it.</summary>
    Forwarded,
}
