namespace Hangar.Server.Agent;

/// <summary>How many of each instance's newest boot log lines are kept (<c>server.agent.boot_log_lines</c>).</summary>
internal sealed record BootLogSettings(int Keep = 1000);
