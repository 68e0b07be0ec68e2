using Microsoft.Extensions.Logging;

namespace Hangar.Providers.External;

internal static partial class ExternalProviderLog
{
    [LoggerMessage(EventId = 4400, EventName = "ExternalCommandRan", Level = LogLevel.Debug, Message = "provider {Provider}: {Command} for {Subject} exited with {ExitCode}")]
    public static partial void Ran(ILogger logger, string provider, string command, string subject, int exitCode);

    [LoggerMessage(EventId = 4401, EventName = "ExternalCommandKilled", Level = LogLevel.Warning, Message = "provider {Provider}: {Command} ran past its timeout of {Timeout} and was killed")]
    public static partial void Killed(ILogger logger, string provider, string command, TimeSpan timeout);

    [LoggerMessage(EventId = 4402, EventName = "ExternalCreated", Level = LogLevel.Information, Message = "provider {Provider}: created {Instance} (provider id {ProviderId}, status {Status})")]
    public static partial void Created(ILogger logger, string provider, string instance, string providerId, string status);

    [LoggerMessage(EventId = 4403, EventName = "ExternalCreateReportedError", Level = LogLevel.Warning, Message = "provider {Provider}: create of {Instance} returned status error ({Fault}); deleting it")]
    public static partial void CreateReportedError(ILogger logger, string provider, string instance, string fault);

    [LoggerMessage(EventId = 4404, EventName = "ExternalDeleted", Level = LogLevel.Information, Message = "provider {Provider}: deleted {Instance} (as {InstanceId})")]
    public static partial void Deleted(ILogger logger, string provider, string instance, string instanceId);

    [LoggerMessage(EventId = 4405, EventName = "ExternalListEntrySkipped", Level = LogLevel.Warning, Message = "provider {Provider}: ListInstances for pool {Pool} returned an entry that breaks the contract, skipped: {Why}")]
    public static partial void ListEntrySkipped(ILogger logger, string provider, string pool, string why);

    [LoggerMessage(EventId = 4420, EventName = "ExternalStarted", Level = LogLevel.Information, Message = "provider {Provider}: started {Instance} (provider id {ProviderId})")]
    public static partial void Started(ILogger logger, string provider, string instance, string providerId);

    [LoggerMessage(EventId = 4421, EventName = "ExternalStopped", Level = LogLevel.Information, Message = "provider {Provider}: stopped {Instance} (provider id {ProviderId})")]
    public static partial void Stopped(ILogger logger, string provider, string instance, string providerId);

    [LoggerMessage(EventId = 4422, EventName = "ExternalPrepared", Level = LogLevel.Information, Message = "provider {Provider}: prepared {Instance} (provider id {ProviderId}): created with its bootstrap waiting, then stopped")]
    public static partial void Prepared(ILogger logger, string provider, string instance, string providerId);
}
