namespace Hangar.Server.Dashboard;

/// <summary>A runner that holds an error: where it stands and the error it last met.</summary>
internal sealed record DashboardRunner(string Name, string Pool, string State, int Attempts, string? Error, DateTimeOffset At);
