using System.Runtime.InteropServices;
using Grpc.Core;
using Grpc.Net.Client;
using Hangar.Agent.Protocol.V1;

namespace Hangar.Agent;

/// <summary>One connection to Hangar: the stream Hangar sends tasks down and the agent reports up.</summary>
internal static class AgentSession
{
    public static async Task RunAsync(AgentEnvironment environment, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(environment.Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            MaxReceiveMessageSize = 8 * 1024 * 1024,
        });
        var client = new AgentService.AgentServiceClient(channel);
        var headers = new Metadata { { "authorization", "Bearer " + environment.Token } };
        if (environment.Instance is { } instance)
        {
            headers.Add("hangar-instance", instance);
        }

        await client.RegisterAsync(new Hello(), headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var call = client.Connect(headers, cancellationToken: cancellationToken);
        // Admitted or refused: a refusal ends the call with its status, which this surfaces as an RpcException.
        try
        {
            await call.ResponseHeadersAsync.ConfigureAwait(false);
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            // A refusal may end the request side first (seen as Cancelled); the response carries the real status.
            await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
            throw;
        }
        var sender = new MessageSender(call.RequestStream);
        await sender.SendAsync(new AgentMessage
        {
            Hello = new Hello { AgentVersion = "1", Os = RuntimeInformation.OSDescription, Arch = RuntimeInformation.OSArchitecture.ToString() },
        }, cancellationToken).ConfigureAwait(false);

        TaskRun? current = null;
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (message.BodyCase)
            {
                case HangarMessage.BodyOneofCase.Start:
                    current?.Dispose();
                    current = new TaskRun(message.Start, environment.WorkRoot, sender);
                    if (message.Start.InputSize == 0)
                    {
                        current.Launch(cancellationToken);
                    }

                    break;
                case HangarMessage.BodyOneofCase.Input when current is not null:
                    if (await current.AcceptInputAsync(message.Input, cancellationToken).ConfigureAwait(false))
                    {
                        current.Launch(cancellationToken);
                    }

                    break;
                case HangarMessage.BodyOneofCase.Cancel when current?.Id == message.Cancel.TaskId:
                    current.Cancel();
                    break;
                case HangarMessage.BodyOneofCase.Fetch when current?.Id == message.Fetch.TaskId:
                    await current.SendArchiveAsync(cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    break;
            }
        }

        current?.Dispose();
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
    }
}
