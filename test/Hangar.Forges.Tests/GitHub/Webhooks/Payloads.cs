namespace Hangar.Forges.Tests.GitHub.Webhooks;

internal static class Payloads
{
    public static byte[] Read(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "GitHub", "Webhooks", "Payloads", name));
}
