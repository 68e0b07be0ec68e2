using System.Threading.Channels;
using Hangar.Agent.Protocol.V1;

namespace Hangar.Server.Agent;

/// <summary>One connected agent: messages to send it, and what it sent (read by whoever drives its task).</summary>
internal sealed class AgentConnection(string instance)
{
    public string Instance { get; } = instance;

    public Channel<HangarMessage> ToAgent { get; } = Channel.CreateBounded<HangarMessage>(64);

    public Channel<AgentMessage> FromAgent { get; } = Channel.CreateBounded<AgentMessage>(1024);

    /// <summary>Completes when the stream ends (the agent went away or Hangar stopped).</summary>
    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
