namespace Hangar.Configuration;

/// <summary>
/// <c>server.agent</c>: the endpoint machines' agents dial (gRPC over HTTP/2 without TLS, prior knowledge), for boot
/// logs and <c>hangar exec</c> through the server. Agents authenticate with their instance token.
/// </summary>
public sealed record AgentEndpointConfig
{
    /// <summary>Where the endpoint listens, e.g. <c>http://127.0.0.1:8081</c> (port 0: any free port).</summary>
    public required Uri Listen { get; init; }

    /// <summary>The URL machines dial, when it differs from <see cref="Listen"/> (a bridge network, NAT, a VM's gateway).</summary>
    public Uri? Address { get; init; }

    /// <summary>How many of each instance's newest boot log lines are kept.</summary>
    public int BootLogLines { get; init; } = 1000;
}
