using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Leases;

/// <summary>Leases: who owns which once-only work. EventIds 1500–1599.</summary>
internal static partial class LeaseLog
{
    [LoggerMessage(EventId = 1500, EventName = "LeaseAcquired", Level = LogLevel.Information,
        Message = "lease acquired lease={Lease} holder={Holder} epoch={Epoch}")]
    public static partial void Acquired(ILogger logger, string lease, string holder, long epoch);

    [LoggerMessage(EventId = 1501, EventName = "LeaseLost", Level = LogLevel.Warning,
        Message = "lease lost lease={Lease} holder={Holder} epoch={Epoch} reason=\"{Reason}\"; its work stops")]
    public static partial void Lost(ILogger logger, string lease, string holder, long epoch, string reason);

    [LoggerMessage(EventId = 1502, EventName = "LeaseRenewFailed", Level = LogLevel.Warning,
        Message = "leases could not be renewed holder={Holder}; held leases are given up when they run out")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string holder);

    [LoggerMessage(EventId = 1503, EventName = "LeasesReleased", Level = LogLevel.Information,
        Message = "leases released on shutdown holder={Holder} count={Count}")]
    public static partial void Released(ILogger logger, string holder, int count);

    [LoggerMessage(EventId = 1504, EventName = "LeaseReleaseFailed", Level = LogLevel.Warning,
        Message = "leases could not be released on shutdown holder={Holder}; others take them when they expire")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string holder);

    [LoggerMessage(EventId = 1505, EventName = "LeaseTakeoverFailed", Level = LogLevel.Error,
        Message = "work on taking lease={Lease} failed; the lease's regular work goes on")]
    public static partial void TakeoverFailed(ILogger logger, Exception exception, string lease);

    [LoggerMessage(EventId = 1506, EventName = "LeaseReplicaStarted", Level = LogLevel.Information,
        Message = "replica started holder={Holder} lease_duration={Duration} renew_every={RenewEvery}")]
    public static partial void Started(ILogger logger, string holder, TimeSpan duration, TimeSpan renewEvery);

    [LoggerMessage(EventId = 1550, EventName = "LeaseReleasedToSpread", Level = LogLevel.Information,
        Message = "gave up lease={Lease} holder={Holder} so pools spread: {Held} held, {Target} each across {Live} live replicas")]
    public static partial void ReleasedToSpread(ILogger logger, string lease, string holder, int held, int target, int live);
}
