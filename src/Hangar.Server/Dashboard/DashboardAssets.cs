using System.Collections.Frozen;

namespace Hangar.Server.Dashboard;

/// <summary>
/// The dashboard's files, embedded in the assembly (<c>Dashboard/Assets</c>): no CDN, no download at run time, nothing
/// read from disk. Only these names are served.
/// </summary>
internal static class DashboardAssets
{
    private const string Prefix = "Hangar.Server.Dashboard.Assets.";

    private static readonly FrozenDictionary<string, DashboardAsset> Files = Load();

    public static DashboardAsset? Find(string name) => Files.GetValueOrDefault(name);

    private static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            files[name] = new DashboardAsset(copy.ToArray(), ContentType(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
