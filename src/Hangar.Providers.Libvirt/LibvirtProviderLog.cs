using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Libvirt;

internal static partial class LibvirtProviderLog
{
    [LoggerMessage(EventId = 4200, EventName = "LibvirtDomainCreated", Level = LogLevel.Information,
        Message = "Provider {Provider} created domain {Name} for pool {Pool} ({Cpus} vCPU, {MemoryMb} MiB, {Mounts} shares)")]
    public static partial void Created(ILogger logger, string provider, string name, string pool, int cpus, long memoryMb, int mounts);

    [LoggerMessage(EventId = 4201, EventName = "LibvirtDomainDeleted", Level = LogLevel.Information,
        Message = "Provider {Provider} deleted domain {Name} with its overlay and seed")]
    public static partial void Deleted(ILogger logger, string provider, string name);

    [LoggerMessage(EventId = 4202, EventName = "LibvirtCreateUndone", Level = LogLevel.Warning,
        Message = "Provider {Provider} could not create domain {Name}; removed what the attempt made")]
    public static partial void CreateUndone(ILogger logger, string provider, string name, Exception error);

    [LoggerMessage(EventId = 4203, EventName = "LibvirtUndoFailed", Level = LogLevel.Error,
        Message = "Provider {Provider} could not remove what a failed create of domain {Name} made; provider-orphans will retry")]
    public static partial void UndoFailed(ILogger logger, string provider, string name, Exception error);

    [LoggerMessage(EventId = 4204, EventName = "LibvirtDomainResumed", Level = LogLevel.Information,
        Message = "Provider {Provider} started domain {Name}, defined by an interrupted create")]
    public static partial void Resumed(ILogger logger, string provider, string name);

    [LoggerMessage(EventId = 4205, EventName = "LibvirtLeftoverRemoved", Level = LogLevel.Information,
        Message = "Provider {Provider} removed the files of domain {Name}, which was never defined")]
    public static partial void LeftoverRemoved(ILogger logger, string provider, string name);

    [LoggerMessage(EventId = 4250, EventName = "LibvirtDomainPrepared", Level = LogLevel.Information,
        Message = "Provider {Provider}: defined domain {Domain} of pool {Pool} with its disk, not started (stopped tier)")]
    public static partial void Prepared(ILogger logger, string provider, string domain, string pool);

    [LoggerMessage(EventId = 4251, EventName = "LibvirtPreparedDomainStarted", Level = LogLevel.Information,
        Message = "Provider {Provider}: started prepared domain {Domain} with a fresh seed ({Secrets} secret(s))")]
    public static partial void PreparedStarted(ILogger logger, string provider, string domain, int secrets);
}
