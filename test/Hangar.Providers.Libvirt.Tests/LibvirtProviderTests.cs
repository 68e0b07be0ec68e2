using System.Xml.Linq;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Libvirt.Tests;

/// <summary>What libvirt itself makes of a runner's domain: the definition it accepted, the seed, what delete leaves.</summary>
public sealed class LibvirtProviderTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly LibvirtDomains _domains = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _domains.CleanUpAsync().WaitAsync(Patience);

    [Fact]
    public async Task CreateAsync_PoolSettings_DefinitionLibvirtAcceptedCarriesThemAndDeleteLeavesNothing()
    {
        var provider = new LibvirtProvider(await _domains.OptionsAsync("ctl-define").WaitAsync(Patience, Ct), NullLogger<LibvirtProvider>.Instance);
        var name = $"hangar-d-{Guid.NewGuid():N}"[..20];
        var spec = new RunnerSpec
        {
            Name = name,
            Pool = "vm-pool",
            Labels = ["self-hosted"],
            Image = LibvirtTestHost.BaseImage,
            Command = ["sh", "-c", "cd /work && cat \"$HANGAR_CREDENTIALS_DIRECTORY/TOKEN\" > seen.txt; sleep 300"],
            Cpus = 1.5,
            MemoryMb = 192,
            DiskGb = 1,
            Mounts = [new MountSpec(_domains.WorkOf(name), "/work", ReadOnly: false)],
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = "seed-secret" },
            CredentialDelivery = CredentialDelivery.File,
        };

        await provider.CreateAsync(spec, Ct).WaitAsync(Patience, Ct);

        var xml = XElement.Parse((await LibvirtTestHost.VirshAsync("dumpxml", "--domain", name).WaitAsync(Patience, Ct)).ShouldNotBeNull());
        ((int)xml.Element("vcpu")!).ShouldBe(2);
        ((long)xml.Element("memory")!).ShouldBe(192 * 1024);
        var disks = xml.Element("devices")!.Elements("disk").ToList();
        var overlay = (string)disks[0].Element("source")!.Attribute("file")!;
        disks[0].Element("backingStore")!.Element("source")!.Attribute("file")!.Value.ShouldBe(LibvirtTestHost.BaseImage);
        var seed = (string)disks[1].Element("source")!.Attribute("file")!;
        disks[1].Element("readonly").ShouldNotBeNull();
        xml.Element("devices")!.Element("filesystem")!.Element("driver")!.Attribute("type")!.Value.ShouldBe("virtiofs");
        (await LibvirtTestHost.RunAsync("qemu-img", "info", "--force-share", "--output=json", overlay).WaitAsync(Patience, Ct))
            .ShouldContain("\"virtual-size\": 1073741824");
        File.GetUnixFileMode(seed).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await LibvirtTestHost.RunAsync("isoinfo", "-d", "-i", seed).WaitAsync(Patience, Ct)).ShouldContain("Volume id: cidata");
        var seen = Path.Combine(_domains.WorkOf(name), "seen.txt");
        await Poll.UntilAsync(
            async () => File.Exists(seen) && await File.ReadAllTextAsync(seen, Ct) == "seed-secret", Patience, "the guest to copy its credential from the seed", Ct);

        await provider.DeleteAsync(name, Ct).WaitAsync(Patience, Ct);

        File.Exists(seed).ShouldBeFalse();
        File.Exists(overlay).ShouldBeFalse();
        (await LibvirtTestHost.VirshAsync("domstate", "--domain", name).WaitAsync(Patience, Ct)).ShouldBeNull();
        (await _domains.OutsideAsync("ctl-define").WaitAsync(Patience, Ct)).ShouldBeEmpty();
        Directory.EnumerateFileSystemEntries(Path.Combine(_domains.StateDir, "ctl-define")).ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateAsync_TwoDomains_EachGuestReadsOnlyItsOwnSeedAndDeleteRemovesOnlyItsOwn()
    {
        var options = await _domains.OptionsAsync("ctl-seeds").WaitAsync(Patience, Ct);
        var provider = new LibvirtProvider(options, NullLogger<LibvirtProvider>.Instance);
        string[] names = [$"hangar-sa-{Guid.NewGuid():N}"[..20], $"hangar-sb-{Guid.NewGuid():N}"[..20]];

        await Task.WhenAll(names.Select(name => provider.CreateAsync(new RunnerSpec
        {
            Name = name,
            Pool = "vm-pool",
            Labels = [],
            Image = LibvirtTestHost.BaseImage,
            Command = ["sh", "-c", "cd /work && cat \"$HANGAR_CREDENTIALS_DIRECTORY\"/* > seen.txt"],
            Mounts = [new MountSpec(_domains.WorkOf(name), "/work", ReadOnly: false)],
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = $"secret-of-{name}" },
            CredentialDelivery = CredentialDelivery.File,
        }, Ct))).WaitAsync(Patience, Ct);

        foreach (var name in names)
        {
            var seen = Path.Combine(_domains.WorkOf(name), "seen.txt");
            await Poll.UntilAsync(async () => File.Exists(seen) && await File.ReadAllTextAsync(seen, Ct) == $"secret-of-{name}", Patience, $"{name}'s guest to read its credential", Ct);
            var xml = XElement.Parse((await LibvirtTestHost.VirshAsync("dumpxml", "--domain", name).WaitAsync(Patience, Ct)).ShouldNotBeNull());
            xml.Element("devices")!.Elements("disk").Select(d => (string)d.Element("source")!.Attribute("file")!)
                .ShouldBe([DomainFiles.Of(options, name).Overlay, DomainFiles.Of(options, name).Seed], $"{name} is given its own overlay and seed, nothing else");
            File.GetUnixFileMode(DomainFiles.Of(options, name).Seed).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await provider.DeleteAsync(names[0], Ct).WaitAsync(Patience, Ct);

        File.Exists(DomainFiles.Of(options, names[0]).Seed).ShouldBeFalse();
        File.Exists(DomainFiles.Of(options, names[1]).Seed).ShouldBeTrue();
        (await _domains.OutsideAsync("ctl-seeds").WaitAsync(Patience, Ct)).ShouldBe([names[1]]);
        await provider.DeleteAsync(names[1], Ct).WaitAsync(Patience, Ct);
        (await _domains.OutsideAsync("ctl-seeds").WaitAsync(Patience, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateAsync_DiskSmallerThanImage_ThrowsNamingBothAndLeavesNothing()
    {
        var image = Path.Combine(LibvirtTestHost.NewDirectory("big"), "big.qcow2");
        await LibvirtTestHost.RunAsync("qemu-img", "create", "-q", "-f", "qcow2", image, "3G").WaitAsync(Patience, Ct);
        var provider = new LibvirtProvider(await _domains.OptionsAsync("ctl-small").WaitAsync(Patience, Ct), NullLogger<LibvirtProvider>.Instance);
        var spec = new RunnerSpec { Name = "hangar-small-disk", Pool = "p", Labels = [], Image = image, Command = ["true"], DiskGb = 1 };

        var error = await Should.ThrowAsync<InvalidOperationException>(provider.CreateAsync(spec, Ct).WaitAsync(Patience, Ct));

        error.Message.ShouldContain("disk_gb 1");
        error.Message.ShouldContain(image);
        (await _domains.OutsideAsync("ctl-small").WaitAsync(Patience, Ct)).ShouldBeEmpty();
    }
}
