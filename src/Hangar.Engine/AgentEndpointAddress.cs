namespace Hangar.Engine;

/// <summary>
/// Where machines' agents dial Hangar (<c>server.agent</c>): set once the agent endpoint listens (its port may be chosen
/// then), read when a machine whose pool carries the agent is created. Null when no endpoint is configured.
/// </summary>
public sealed class AgentEndpointAddress
{
    private Uri? value;

    public Uri? Value => Volatile.Read(ref value);

    public void Set(Uri address) => Volatile.Write(ref value, address);
}
