namespace Hangar.Server.Instances;

/// <summary>The body of <c>POST callbacks/system-info</c> (snake_case on the wire).</summary>
internal sealed record SystemInfoReport(string? OsName, string? OsVersion, long? AgentId);
