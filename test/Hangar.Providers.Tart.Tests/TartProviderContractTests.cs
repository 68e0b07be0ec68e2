using Hangar.Core.Providers;
using Hangar.Testing.Providers;
using Hangar.Testing.Tart;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Tart.Tests;

/// <summary>The provider contract against the Tart command double (Tart itself runs only on macOS).</summary>
public sealed class TartProviderContractTests : ProviderContractTests
{
    private readonly TartDouble _tart = new();

    public override async ValueTask DisposeAsync()
    {
        _tart.Dispose();
        await base.DisposeAsync();
    }

    protected override IProvider NewProvider(string controllerId) =>
        new TartProvider(_tart.Options(controllerId), NullLogger<TartProvider>.Instance);

    protected override RunnerSpec Spec(string name, string pool, string script) => new()
    {
        Name = name,
        Pool = pool,
        Labels = ["self-hosted", "macOS"],
        Image = TartDouble.BaseImage,
        Command = ["sh", "-c", script],
    };

    /// <summary>The double's VMs recorded for the controller or recorded for none, and the state directories of the
    /// controller's records (a failed create must leave neither).</summary>
    protected override Task<IReadOnlyList<string>> MachinesOutsideAsync(string controllerId)
    {
        var records = Directory.Exists(_tart.StateDir)
            ? Directory.EnumerateDirectories(_tart.StateDir).Select(Path.GetFileName).OfType<string>().Where(n => _tart.ControllerOf(n) is null || _tart.ControllerOf(n) == controllerId)
            : [];
        IReadOnlyList<string> names =
        [
            .. _tart.Vms().Where(n => _tart.ControllerOf(n) is null || _tart.ControllerOf(n) == controllerId).Concat(records).Distinct().Order(StringComparer.Ordinal),
        ];
        return Task.FromResult(names);
    }

    protected override Task<bool> RunsOutsideAsync(string name) => Task.FromResult(_tart.Runs(name));

    protected override async Task<string?> ReadOutputAsync(string name, string file)
    {
        var path = Path.Combine(_tart.VmDirectory(name), "work", file);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, Ct) : null;
    }

    protected override (RunnerSpec Spec, string Missing) Unrunnable(RunnerSpec spec) =>
        (spec with { Image = "hangar-no-such-image" }, "hangar-no-such-image");
}
