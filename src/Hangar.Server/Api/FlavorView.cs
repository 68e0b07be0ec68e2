namespace Hangar.Server.Api;

/// <summary>
/// A flavor: a pool as the planner API shows it. <see cref="PressureOnly"/>: Hangar makes no runners for it
/// (<c>provider: none</c>); whoever follows its pressure does.
/// </summary>
internal sealed record FlavorView(
    string Name,
    IReadOnlyList<string> Labels,
    int Priority,
    bool Enabled,
    string? Platform,
    int MinimumPressure,
    bool PressureOnly,
    int Pressure);
