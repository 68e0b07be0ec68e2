using System.Text.Json;

namespace Hangar.Providers.Tart;

/// <summary>
/// Tart keeps no labels, so whose a VM is lives beside it: <c>{state_dir}/{name}/hangar.json</c> with the controller
/// id and pool, written before the clone (a crash after it leaves a VM this record still names), plus the VM's
/// share directory and the log of its <c>tart run</c>.
/// </summary>
internal sealed record VmRecord(string Controller, string Pool)
{
    public static string DirectoryOf(TartProviderOptions options, string name) => Path.Combine(Path.GetFullPath(options.StateDir), name);

    public static string ShareOf(TartProviderOptions options, string name) => Path.Combine(DirectoryOf(options, name), "hangar");

    public static string LogOf(TartProviderOptions options, string name) => Path.Combine(DirectoryOf(options, name), "run.log");

    /// <summary>Written once the VM was started: a stopped VM with it has run and ended.</summary>
    public static string StartedOf(TartProviderOptions options, string name) => Path.Combine(DirectoryOf(options, name), "started");

    public static VmRecord? Read(TartProviderOptions options, string name)
    {
        var path = Path.Combine(DirectoryOf(options, name), "hangar.json");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return new VmRecord(
                json.RootElement.GetProperty("controller").GetString() ?? "",
                json.RootElement.GetProperty("pool").GetString() ?? "");
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Write(TartProviderOptions options, string name)
    {
        var directory = DirectoryOf(options, name);
        Directory.CreateDirectory(directory);
        var text = JsonSerializer.Serialize(new Dictionary<string, string> { ["controller"] = Controller, ["pool"] = Pool });
        File.WriteAllText(Path.Combine(directory, "hangar.json"), text);
    }
}
