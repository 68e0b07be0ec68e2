using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Docker;

/// <summary>The Docker provider's log events: EventIds 4000–4099.</summary>
internal static partial class DockerProviderLog
{
    [LoggerMessage(EventId = 4000, EventName = "DockerContainerCreated", Level = LogLevel.Information, Message = "Provider {Provider}: created container {Container} ({ContainerId}) in pool {Pool}")]
    public static partial void ContainerCreated(ILogger logger, string provider, string container, string containerId, string pool);

    [LoggerMessage(EventId = 4001, EventName = "DockerContainerExists", Level = LogLevel.Information, Message = "Provider {Provider}: container {Container} already exists in state {State}; adopting it")]
    public static partial void ContainerExists(ILogger logger, string provider, string container, string state);

    [LoggerMessage(EventId = 4002, EventName = "DockerCreateRaced", Level = LogLevel.Debug, Message = "Provider {Provider}: another caller created container {Container} first")]
    public static partial void CreateRaced(ILogger logger, string provider, string container);

    [LoggerMessage(EventId = 4003, EventName = "DockerContainerRemoved", Level = LogLevel.Information, Message = "Provider {Provider}: removed container {Container} ({ContainerId})")]
    public static partial void ContainerRemoved(ILogger logger, string provider, string container, string containerId);

    [LoggerMessage(EventId = 4004, EventName = "DockerForeignContainerIgnored", Level = LogLevel.Warning, Message = "Provider {Provider}: container {Container} is not labelled with this controller; leaving it alone")]
    public static partial void ForeignContainerIgnored(ILogger logger, string provider, string container);

    [LoggerMessage(EventId = 4005, EventName = "DockerContainerStarted", Level = LogLevel.Information, Message = "Provider {Provider}: started existing container {Container} ({ContainerId})")]
    public static partial void ContainerStarted(ILogger logger, string provider, string container, string containerId);

    [LoggerMessage(EventId = 4006, EventName = "DockerContainerStopped", Level = LogLevel.Information, Message = "Provider {Provider}: stopped container {Container} ({ContainerId}); it is kept")]
    public static partial void ContainerStopped(ILogger logger, string provider, string container, string containerId);

    [LoggerMessage(EventId = 4007, EventName = "DockerCredentialsWritten", Level = LogLevel.Debug, Message = "Provider {Provider}: wrote {Count} credential file(s) into container {Container}")]
    public static partial void CredentialsWritten(ILogger logger, string provider, string container, int count);
}
