namespace Hangar.Server.Api;

/// <summary>How the pressure stream paces itself: <c>server.pressure_heartbeat</c>.</summary>
internal sealed record PressureStreamSettings(TimeSpan Heartbeat);
