using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Docker;

internal static partial class DockerProviderLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Provider {Provider}: created container {Container} ({ContainerId}) in pool {Pool}")]
    public static partial void ContainerCreated(ILogger logger, string provider, string container, string containerId, string pool);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Provider {Provider}: container {Container} already exists in state {State}; adopting it")]
    public static partial void ContainerExists(ILogger logger, string provider, string container, string state);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Provider {Provider}: another caller created container {Container} first")]
    public static partial void CreateRaced(ILogger logger, string provider, string container);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Provider {Provider}: removed container {Container} ({ContainerId})")]
    public static partial void ContainerRemoved(ILogger logger, string provider, string container, string containerId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Provider {Provider}: container {Container} is not labelled with this controller; leaving it alone")]
    public static partial void ForeignContainerIgnored(ILogger logger, string provider, string container);
}
