namespace Hangar.Server.Dashboard;

/// <summary>Everything the dashboard shows at one moment; sent whole over the event stream whenever it changes.</summary>
internal sealed record DashboardSnapshot(
    string ControllerId,
    IReadOnlyList<DashboardPool> Pools,
    IReadOnlyList<DashboardJob> Waiting,
    IReadOnlyList<DashboardJob> Unroutable,
    IReadOnlyList<DashboardJob> Recent,
    IReadOnlyList<DashboardRunner> Failed,
    IReadOnlyList<DashboardEvent> Events,
    IReadOnlyList<string> Warnings);
