using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Hangar.Server.Tests.RabbitMq;

/// <summary>
/// The RabbitMQ node eng/start-rabbitmq.sh starts (eng/test.sh and CI run it), named by <c>HANGAR_TEST_RABBITMQ</c>.
/// Tests never skip without it: they fail and say how to start it. Tests share the node and isolate by queue name;
/// a test that restarts a broker starts a private node of its own (<see cref="StartPrivateNodeAsync"/>), never this one.
/// </summary>
internal static class RabbitMqTestBroker
{
    public const string Variable = "HANGAR_TEST_RABBITMQ";
    public const string DirVariable = "HANGAR_TEST_RABBITMQ_DIR";

    public static string Url =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a RabbitMQ node. Start one with `bash eng/start-rabbitmq.sh`, then " +
                $"export {Variable}=\"amqp://guest:guest@127.0.0.1:55672/\" {DirVariable}=/tmp/hangar-rabbitmq (eng/test.sh does both)");

    public static string UniqueQueue(string prefix) => $"test.{prefix}.{Guid.NewGuid():N}";

    public static async Task<uint> DepthAsync(string url, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(url) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await channel.MessageCountAsync(queue);
    }

    /// <summary>
    /// Messages a queue holds, where a queue nobody has declared yet holds none: a gateway declares its queues when it
    /// first connects, which a gateway that refused everything may not have done yet.
    /// </summary>
    public static async Task<uint> HeldAsync(string url, string queue)
    {
        try
        {
            return await DepthAsync(url, queue);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    /// <summary>Publishes a raw message, as anything with access to the queue could (for poison tests).</summary>
    public static async Task PublishRawAsync(string url, string queue, byte[] body, string? type, string messageId)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(url) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(queue + ".dead", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true, Type = type, MessageId = messageId }, body);
    }

    public static async Task DeleteQueuesAsync(string url, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(url) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        await channel.QueueDeleteAsync(queue + ".dead");
    }

    /// <summary>A node of the test's own (own name, port and data), which it may stop and start at will.</summary>
    public static async Task<PrivateNode> StartPrivateNodeAsync(string name)
    {
        var root = Environment.GetEnvironmentVariable(DirVariable) is { Length: > 0 } dir ? dir : throw new InvalidOperationException($"{DirVariable} is not set (run eng/start-rabbitmq.sh through eng/test.sh)");
        var node = new PrivateNode(name, LoopbackPort.Free(), Path.Combine(root, name));
        await node.StartAsync();
        return node;
    }

    internal sealed class PrivateNode(string name, int port, string dir) : IAsyncDisposable
    {
        public string Url => $"amqp://guest:guest@127.0.0.1:{port}/";

        public Task StartAsync() => RunScriptAsync(name, port.ToString(System.Globalization.CultureInfo.InvariantCulture), dir);

        public Task StopAsync() => RunScriptAsync("--stop", name, dir);

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static async Task RunScriptAsync(params string[] args)
        {
            var script = Path.Combine(RepositoryRoot.Path, "eng", "start-rabbitmq.sh");
            var info = new ProcessStartInfo("bash", [script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"start-rabbitmq.sh {string.Join(' ', args)} failed: {await stdout}{await stderr}");
            }
        }
    }
}
