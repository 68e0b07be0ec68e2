using Grpc.Core;
using Hangar.Agent.Protocol.V1;
using Hangar.Core.Storage;
using Hangar.Engine;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Agent;

/// <summary>
/// The endpoint agents dial (admitted by <see cref="AgentTokenInterceptor"/>): pumps the stream both ways; boot log lines
/// go to the store (<see cref="BootLogRecorder"/>), everything else to whoever drives the instance's task.
/// </summary>
internal sealed class AgentGrpcService(
    AgentConnections connections, IStore store, BootLogSettings bootLogs, TimeProvider time, ILogger<AgentGrpcService> logger) : AgentService.AgentServiceBase
{
    public override Task<Registered> Register(Hello request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(new Registered { Instance = ((InstanceIdentity)context.UserState[AgentTokenInterceptor.IdentityKey]).Name });
    }

    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<HangarMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var identity = (InstanceIdentity)context.UserState[AgentTokenInterceptor.IdentityKey];
        // Headers first: the agent waits for them to know it was admitted (a refusal arrives as the call's status instead).
        await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
        var connection = new AgentConnection(identity.Name);
        var recorder = new BootLogRecorder(identity.Name, store, bootLogs, time, logger);
        connections.Add(connection);
        AgentLog.Connected(logger, identity.Name);
        var ct = context.CancellationToken;
        var writer = Task.Run(async () =>
        {
            await foreach (var message in connection.ToAgent.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(message, ct).ConfigureAwait(false);
            }
        }, ct);
        try
        {
            await foreach (var message in requestStream.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (message.BodyCase == AgentMessage.BodyOneofCase.BootLog)
                {
                    recorder.Add(message.BootLog);
                }
                else
                {
                    await connection.FromAgent.Writer.WriteAsync(message, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            connection.FromAgent.Writer.TryComplete();
            connection.ToAgent.Writer.TryComplete();
            connections.Remove(connection);
            connection.Closed.TrySetResult();
            await recorder.CompleteAsync().ConfigureAwait(false);
            AgentLog.Disconnected(logger, identity.Name);
        }

        try
        {
            await writer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The call ended while a message waited to be sent: the agent is gone, and so is the task's reader.
        }
    }
}
