using Hangar.Providers.Tart;

namespace Hangar.Testing.Tart;

/// <summary>
/// A copy of the Tart command double (<c>Tart/tart</c>) with a home of its own, holding one local VM, <c>base</c>,
/// to clone from, and a registry that holds what <see cref="PublishImage"/> put there; and the provider state directory
/// the test's providers share.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TartDouble : IDisposable
{
    public const string BaseImage = "base";

    public TartDouble()
    {
        Root = Directory.CreateTempSubdirectory("hangar-tart-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "bin"));
        Executable = Path.Combine(Root, "bin", "tart");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "double", "tart"), Executable);
        File.SetUnixFileMode(Executable, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Path.Combine(Root, "home", "vms", BaseImage));
        File.WriteAllText(Path.Combine(Root, "home", "vms", BaseImage, "disk.img"), "macOS");
        StateDir = Path.Combine(Root, "state");
    }

    public string Root { get; }

    public string Executable { get; }

    public string StateDir { get; }

    public TartProviderOptions Options(string controllerId, int maxRunning = 8) => new()
    {
        Name = "tart",
        ControllerId = controllerId,
        Executable = Executable,
        StateDir = StateDir,
        MaxRunning = maxRunning,
        CommandTimeout = TimeSpan.FromSeconds(30),
    };

    public string VmDirectory(string name) => Path.Combine(Root, "home", "vms", name);

    /// <summary>Puts an image in the double's registry under <paramref name="reference"/> (with its tag), where
    /// <c>tart pull</c> and a <c>tart clone</c> of the reference find it.</summary>
    public void PublishImage(string reference, string disk = "macOS from a registry")
    {
        var image = Path.Combine(Root, "home", "registry", reference);
        Directory.CreateDirectory(image);
        File.WriteAllText(Path.Combine(image, "disk.img"), disk);
    }

    /// <summary>Whether <c>tart pull</c> copied <paramref name="reference"/> (with its tag) into the double's OCI cache.</summary>
    public bool Cached(string reference) => File.Exists(Path.Combine(Root, "home", "cache", "OCIs", reference, "disk.img"));

    /// <summary>The VMs of the double's home, <c>base</c> aside.</summary>
    public IEnumerable<string> Vms() =>
        Directory.EnumerateDirectories(Path.Combine(Root, "home", "vms")).Select(Path.GetFileName).OfType<string>().Where(n => n != BaseImage);

    /// <summary>The controller id recorded for <paramref name="name"/>, or null.</summary>
    public string? ControllerOf(string name)
    {
        var record = Path.Combine(StateDir, name, "hangar.json");
        return File.Exists(record) ? System.Text.Json.JsonDocument.Parse(File.ReadAllText(record)).RootElement.GetProperty("controller").GetString() : null;
    }

    public bool Runs(string name)
    {
        var pid = Path.Combine(VmDirectory(name), "pid");
        return File.Exists(pid) && int.TryParse(File.ReadAllText(pid).Trim(), out var id) && Directory.Exists($"/proc/{id}");
    }

    public void Dispose()
    {
        foreach (var name in Vms().Where(Runs))
        {
            using var stop = System.Diagnostics.Process.Start(Executable, ["stop", name]);
            stop.WaitForExit(TimeSpan.FromSeconds(20));
        }

        Directory.Delete(Root, recursive: true);
    }
}
