namespace Hangar.Server.Instances;

/// <summary>The body of <c>POST callbacks/status</c> (snake_case on the wire).</summary>
internal sealed record StatusReport(string? Status, string? Message, long? AgentId);
