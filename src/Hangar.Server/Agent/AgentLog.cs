using Microsoft.Extensions.Logging;

namespace Hangar.Server.Agent;

/// <summary>The agent's gRPC endpoint and exec (EventIds 5500–5599).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 5500, EventName = "AgentRefused", Level = LogLevel.Warning, Message = "agent connection refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5501, EventName = "AgentConnected", Level = LogLevel.Information, Message = "agent of instance {Instance} connected")]
    public static partial void Connected(ILogger logger, string instance);

    [LoggerMessage(EventId = 5502, EventName = "AgentDisconnected", Level = LogLevel.Information, Message = "agent of instance {Instance} disconnected")]
    public static partial void Disconnected(ILogger logger, string instance);

    [LoggerMessage(EventId = 5503, EventName = "ExecDestroyFailed", Level = LogLevel.Error, Message = "exec instance {Instance} could not be destroyed: {Error}")]
    public static partial void DestroyFailed(ILogger logger, string instance, string error);

    [LoggerMessage(EventId = 5550, EventName = "BootLogWriteFailed", Level = LogLevel.Warning, Message = "boot log of instance {Instance}: {Lines} lines could not be stored: {Error}")]
    public static partial void BootLogWriteFailed(ILogger logger, string instance, int lines, string error);

    [LoggerMessage(EventId = 5551, EventName = "AgentEndpointListening", Level = LogLevel.Information, Message = "agent endpoint listening on {Listen}; agents dial {Address}")]
    public static partial void EndpointListening(ILogger logger, string listen, string address);

    [LoggerMessage(EventId = 5552, EventName = "ExecLeftoverRemoving", Level = LogLevel.Warning, Message = "exec instance {Instance} was left by a hangar exec that is gone; removing it")]
    public static partial void LeftoverRemoving(ILogger logger, string instance);

    [LoggerMessage(EventId = 5553, EventName = "ExecLeftoverProviderMissing", Level = LogLevel.Warning, Message = "exec instance {Instance} was left by a hangar exec that is gone, but its provider {Provider} is not configured here")]
    public static partial void LeftoverProviderMissing(ILogger logger, string instance, string provider);

    [LoggerMessage(EventId = 5554, EventName = "ExecLeftoverSweepFailed", Level = LogLevel.Warning, Message = "the sweep of exec leftovers failed: {Error}")]
    public static partial void LeftoverSweepFailed(ILogger logger, string error);
}
