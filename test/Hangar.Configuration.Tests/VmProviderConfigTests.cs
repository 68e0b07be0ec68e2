using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary>The libvirt and Tart providers' settings, and the pool settings each honours.</summary>
public sealed class VmProviderConfigTests
{
    private const string LibvirtPool = """
        forges:
          github:
            token: {env: GH_TOKEN}
        providers:
          vms:
            type: libvirt
        pools:
          small:
            forge: github
            repository: acme/app
            provider: vms
            image: /var/lib/images/runner.qcow2
        """;

    private const string TartPool = """
        forges:
          github:
            token: {env: GH_TOKEN}
        providers:
          macs:
            type: tart
        pools:
          small:
            forge: github
            repository: acme/app
            provider: macs
            image: ghcr.io/cirruslabs/macos-sequoia-xcode:latest
        """;

    [Fact]
    public void Parse_LibvirtProviderDefaults_SystemConnectionAndVarLib()
    {
        var libvirt = Valid(LibvirtPool).Providers["vms"].Libvirt.ShouldNotBeNull();

        (libvirt.Uri, libvirt.StateDir, libvirt.DomainType, libvirt.Kernel).ShouldBe(("qemu:///system", "/var/lib/hangar/libvirt", null, null));
    }

    [Fact]
    public void Parse_LibvirtProviderSettings_Kept()
    {
        var libvirt = Valid(LibvirtPool.Replace("type: libvirt", """
            type: libvirt
                uri: qemu:///session
                state_dir: ./vm-state
                domain_type: qemu
                kernel: /boot/vmlinuz
                initrd: /boot/initrd.img
                cmdline: console=ttyS0
                default_cpus: 4
                default_memory_mb: 2048
            """.Replace("\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal)).Providers["vms"].Libvirt.ShouldNotBeNull();

        (libvirt.Uri, libvirt.StateDir, libvirt.DomainType, libvirt.Kernel, libvirt.Initrd, libvirt.Cmdline).ShouldBe(
            ("qemu:///session", "/etc/hangar/vm-state", "qemu", "/boot/vmlinuz", "/boot/initrd.img", "console=ttyS0"));
        (libvirt.DefaultCpus, libvirt.DefaultMemoryMb).ShouldBe((4, 2048L));
    }

    [Fact]
    public void Parse_LibvirtPoolWithDiskCpusMemoryMountsAndFileDelivery_Kept()
    {
        var pool = Valid(LibvirtPool + "\n    disk_gb: 40\n    cpus: 2\n    memory_mb: 4096\n    credential_delivery: file\n    mounts: [{source: /srv/cache, target: /cache}]")
            .Engine.Pools.ShouldHaveSingleItem();

        (pool.DiskGb, pool.Cpus, pool.MemoryMb).ShouldBe((40, 2.0, 4096L));
    }

    [Theory]
    [InlineData("instance_type: m5.large", "instance_type")]
    [InlineData("network_mode: host", "network_mode")]
    [InlineData("user: runner", "user")]
    [InlineData("read_only_root: true", "read_only_root")]
    public void Parse_LibvirtPoolWithUnhonouredSetting_ErrorAtTheKey(string line, string key) =>
        SingleError(LibvirtPool + "\n    " + line).ShouldBeAt(13, 5, $"pools.small.{key}: provider 'vms' is a libvirt provider, which does not honour {key}");

    [Fact]
    public void Parse_LibvirtPoolWithoutImage_ErrorNamingTheProviderType() =>
        SingleError(LibvirtPool.Replace("    image: /var/lib/images/runner.qcow2\n", "", StringComparison.Ordinal).TrimEnd()
            .Replace("    image: /var/lib/images/runner.qcow2", "", StringComparison.Ordinal))
            .Message.ShouldContain("provider 'vms' is a libvirt provider");

    [Fact]
    public void Parse_RemoteLibvirtUri_ErrorAtTheValue() =>
        SingleError(LibvirtPool.Replace("type: libvirt", "type: libvirt\n    uri: qemu+ssh://host/system", StringComparison.Ordinal))
            .ShouldBeAt(7, 10, "providers.vms.uri: expected a local QEMU connection");

    [Fact]
    public void Parse_InitrdWithoutKernel_ErrorAtTheKey() =>
        SingleError(LibvirtPool.Replace("type: libvirt", "type: libvirt\n    initrd: /boot/initrd.img", StringComparison.Ordinal))
            .ShouldBeAt(7, 5, "providers.vms.initrd: only with a direct kernel boot");

    [Fact]
    public void Parse_DockerKeyOnLibvirtProvider_ErrorAtTheKey() =>
        SingleError(LibvirtPool.Replace("type: libvirt", "type: libvirt\n    pids_limit: 100", StringComparison.Ordinal))
            .ShouldBeAt(7, 5, "providers.vms.pids_limit: a libvirt provider does not take pids_limit (only docker)");

    [Fact]
    public void Parse_LibvirtKeyOnDockerProvider_ErrorAtTheKey() =>
        SingleError(Minimal.Replace("type: docker", "type: docker\n    kernel: /boot/vmlinuz", StringComparison.Ordinal))
            .ShouldBeAt(7, 5, "providers.docker.kernel: a docker provider does not take kernel (only libvirt)");

    [Fact]
    public void Parse_TartProvider_DefaultsToTwoRunningVms()
    {
        var tart = Valid(TartPool).Providers["macs"].Tart.ShouldNotBeNull();

        (tart.Executable, tart.MaxRunning, tart.PullTimeout).ShouldBe(("tart", 2, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Parse_TartProviderSettings_Kept()
    {
        var tart = Valid(TartPool.Replace("type: tart", "type: tart\n    executable: /opt/homebrew/bin/tart\n    max_running: 1\n    state_dir: /Users/ci/hangar", StringComparison.Ordinal))
            .Providers["macs"].Tart.ShouldNotBeNull();

        (tart.Executable, tart.MaxRunning, tart.StateDir).ShouldBe(("/opt/homebrew/bin/tart", 1, "/Users/ci/hangar"));
    }

    [Fact]
    public void Parse_TartPullTimeout_Kept() =>
        Valid(TartPool.Replace("type: tart", "type: tart\n    pull_timeout: 3h", StringComparison.Ordinal))
            .Providers["macs"].Tart.ShouldNotBeNull().PullTimeout.ShouldBe(TimeSpan.FromHours(3));

    [Fact]
    public void Parse_TartKeyPullTimeoutOnLibvirtProvider_ErrorAtTheKey() =>
        SingleError(LibvirtPool.Replace("type: libvirt", "type: libvirt\n    pull_timeout: 1h", StringComparison.Ordinal))
            .ShouldBeAt(7, 5, "providers.vms.pull_timeout: a libvirt provider does not take pull_timeout (only tart)");

    [Fact]
    public void Parse_TartPoolWithInstanceType_ErrorAtTheKey() =>
        SingleError(TartPool + "\n    instance_type: m2").ShouldBeAt(13, 5, "pools.small.instance_type: provider 'macs' is a tart provider, which does not honour instance_type");

    [Fact]
    public void Parse_TartPoolWithDiskAndMounts_Kept() =>
        Valid(TartPool + "\n    disk_gb: 100\n    mounts: [{source: /Users/ci/cache, target: /cache}]").Engine.Pools.ShouldHaveSingleItem().DiskGb.ShouldBe(100);
}
