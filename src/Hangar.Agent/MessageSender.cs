using Grpc.Core;
using Hangar.Agent.Protocol.V1;

namespace Hangar.Agent;

/// <summary>Serialises writes to the request stream: logs of two pipes and the result come from different tasks.</summary>
internal sealed class MessageSender(IClientStreamWriter<AgentMessage> stream)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task SendAsync(AgentMessage message, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
