using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Testing.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Libvirt.Tests;

/// <summary>
/// The provider contract against the real QEMU driver (<c>qemu:///system</c>, software-emulated guests). Each runner's
/// guest gets its own host directory shared as <c>/work</c> by virtiofs, where its script runs and writes.
/// </summary>
public sealed class LibvirtProviderContractTests : ProviderContractTests
{
    private readonly LibvirtDomains _domains = new();

    protected override TimeSpan Patience => TimeSpan.FromMinutes(3);

    public override async ValueTask DisposeAsync()
    {
        await _domains.CleanUpAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await base.DisposeAsync();
    }

    protected override IProvider NewProvider(string controllerId) =>
        new LibvirtProvider(_domains.OptionsAsync(controllerId).GetAwaiter().GetResult(), NullLogger<LibvirtProvider>.Instance);

    protected override RunnerSpec Spec(string name, string pool, string script) => new()
    {
        Name = name,
        Pool = pool,
        Labels = ["self-hosted"],
        Image = LibvirtTestHost.BaseImage,
        Command = ["sh", "-c", "cd /work && " + script],
        Mounts = [new MountSpec(_domains.WorkOf(name), "/work", ReadOnly: false)],
    };

    protected override Task<IReadOnlyList<string>> MachinesOutsideAsync(string controllerId) => _domains.OutsideAsync(controllerId);

    protected override Task<bool> RunsOutsideAsync(string name) => _domains.RunsAsync(name);

    protected override async Task<string?> ReadOutputAsync(string name, string file)
    {
        var path = Path.Combine(_domains.WorkOf(name), file);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, Ct) : null;
    }

    protected override (RunnerSpec Spec, string Missing) Unrunnable(RunnerSpec spec) =>
        (spec with { Image = "/nonexistent/hangar-no-such-base.qcow2" }, "/nonexistent/hangar-no-such-base.qcow2");
}
