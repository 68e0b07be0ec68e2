using System.Collections.Concurrent;

namespace Hangar.Server.Agent;

/// <summary>The agents connected now, by instance; a caller can wait for one to dial in.</summary>
internal sealed class AgentConnections
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AgentConnection>> waiting = new(StringComparer.Ordinal);

    public void Add(AgentConnection connection) => Slot(connection.Instance).TrySetResult(connection);

    public void Remove(AgentConnection connection)
    {
        if (waiting.TryGetValue(connection.Instance, out var slot) && slot.Task.IsCompletedSuccessfully && slot.Task.Result == connection)
        {
            waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<AgentConnection>>(connection.Instance, slot));
        }
    }

    /// <summary>Waits until the agent of <paramref name="instance"/> is connected.</summary>
    public Task<AgentConnection> WaitForAsync(string instance, CancellationToken cancellationToken) =>
        Slot(instance).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource<AgentConnection> Slot(string instance) =>
        waiting.GetOrAdd(instance, _ => new TaskCompletionSource<AgentConnection>(TaskCreationOptions.RunContinuationsAsynchronously));
}
