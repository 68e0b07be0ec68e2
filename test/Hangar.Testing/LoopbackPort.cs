using System.Net;
using System.Net.Sockets;

namespace Hangar.Testing;

/// <summary>Ports for child processes that must be told theirs before they start (a server, prism, a dead webhook target).</summary>
public static class LoopbackPort
{
    /// <summary>A port free on loopback a moment ago; the listener that found it is closed again.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
