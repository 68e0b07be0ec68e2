using System.Runtime.InteropServices;
using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using Hangar.Agent.Protocol.V1;

namespace Hangar.Agent;

/// <summary>One connection to Hangar: the stream Hangar sends tasks down and the agent reports up.</summary>
internal static class AgentSession
{
    /// <param name="bootLines">The supervised runner's lines (null when the agent runs tasks only): sent while connected.</param>
    public static async Task RunAsync(AgentEnvironment environment, ChannelReader<BootLog>? bootLines, CancellationToken cancellationToken)
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

        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadAsync(call.ResponseStream, environment, sender, session.Token);
        if (bootLines is not null)
        {
            var boot = SendBootLinesAsync(bootLines, sender, session.Token);
            if (await Task.WhenAny(reading, boot).ConfigureAwait(false) == boot && await boot.ConfigureAwait(false))
            {
                // The runner exited and its last line is sent: the session is over (the machine goes with its runner).
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                await session.CancelAsync().ConfigureAwait(false);
                await reading.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
                return;
            }

            try
            {
                await reading.ConfigureAwait(false);
            }
            finally
            {
                // Stopped before the next session starts, so no line is taken off the channel by a sender that is gone.
                await session.CancelAsync().ConfigureAwait(false);
                await boot.ConfigureAwait(false);
            }
        }
        else
        {
            await reading.ConfigureAwait(false);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
    }

    private static async Task ReadAsync(IAsyncStreamReader<HangarMessage> stream, AgentEnvironment environment, MessageSender sender, CancellationToken cancellationToken)
    {
        TaskRun? current = null;
        try
        {
            await foreach (var message in stream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                current = await HandleAsync(message, current, environment, sender, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            current?.Dispose();
        }
    }

    private static async Task<TaskRun?> HandleAsync(HangarMessage message, TaskRun? current, AgentEnvironment environment, MessageSender sender, CancellationToken cancellationToken)
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

        return current;
    }

    // True when the runner's output ended (the channel completed) and every line was sent; false when the session
    // ended first (a line whose send failed is lost; the next session sends what still waits).
    private static async Task<bool> SendBootLinesAsync(ChannelReader<BootLog> lines, MessageSender sender, CancellationToken cancellationToken)
    {
        try
        {
            while (await lines.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (lines.TryRead(out var line))
                {
                    await sender.SendAsync(new AgentMessage { BootLog = line }, cancellationToken).ConfigureAwait(false);
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException)
        {
            return false;
        }
    }
}
