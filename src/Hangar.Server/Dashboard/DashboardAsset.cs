namespace Hangar.Server.Dashboard;

internal sealed record DashboardAsset(byte[] Content, string ContentType);
