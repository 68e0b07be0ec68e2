namespace Hangar.Server.Dashboard;

/// <summary>A runner's latest lifecycle move.</summary>
internal sealed record DashboardEvent(string Runner, string Pool, string State, string? Reason, DateTimeOffset At);
