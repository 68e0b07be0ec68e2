namespace Hangar.Server.Agent;

/// <summary>The agent went away, broke the protocol, or sent an archive that failed its checks.</summary>
public sealed class ExecProtocolException(string message, Exception? inner = null) : Exception(message, inner);
