using Hangar.Core.Providers;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary><c>min_stopped</c>: only on providers that can prepare a machine and start it later, by file delivery.</summary>
public sealed class StoppedTierConfigTests
{
    private const string ProcessPool = """
        forges:
          github:
            token: {env: GH_TOKEN}
        providers:
          local: {type: process, work_dir: /srv/runners}
        pools:
          small:
            forge: github
            repository: acme/app
            provider: local
            command: [/opt/runner/run.sh]
        """;

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
    public void Parse_LibvirtPoolWithMinStopped_Kept() =>
        Valid(LibvirtPool + "\n    min_stopped: 2").Engine.Pools.ShouldHaveSingleItem().MinStopped.ShouldBe(2);

    [Fact]
    public void Parse_TartPoolWithMinStopped_ErrorAtTheKey() =>
        SingleError(TartPool + "\n    min_stopped: 1").ShouldBeAt(
            13, 5, "pools.small.min_stopped: provider 'macs' is a tart provider, which does not honour min_stopped");

    [Fact]
    public void Parse_DockerPoolWithMinStopped_KeptWithFileDelivery()
    {
        var pool = Valid(Minimal + "\n    min_stopped: 2").Engine.Pools.ShouldHaveSingleItem();

        pool.MinStopped.ShouldBe(2);
        pool.CredentialDelivery.ShouldBe(CredentialDelivery.File);
    }

    [Fact]
    public void Parse_NoMinStopped_NoneAndDeliveryUnchanged()
    {
        var pool = Valid(Minimal).Engine.Pools.ShouldHaveSingleItem();

        pool.MinStopped.ShouldBe(0);
        pool.CredentialDelivery.ShouldBe(CredentialDelivery.Environment);
    }

    [Fact]
    public void Parse_MinStoppedWithEnvDelivery_ErrorAtTheDeliveryKey() =>
        SingleError(Minimal + "\n    min_stopped: 1\n    credential_delivery: env").ShouldBeAt(
            14, 26, "pools.small.credential_delivery: a pool with min_stopped gets its credentials by file");

    [Fact]
    public void Parse_MinStoppedAboveMaxRunners_ErrorAtTheKey() =>
        SingleError(Minimal + "\n    min_stopped: 5\n    max_runners: 2").ShouldBeAt(13, 18, "must not exceed max_runners (2), got 5");

    [Fact]
    public void Parse_ProcessPoolWithMinStopped_ErrorAtTheKeyNamingTheProvider() =>
        SingleError(ProcessPool + "\n    min_stopped: 1").ShouldBeAt(
            12, 5, "pools.small.min_stopped: provider 'local' is a process provider, which does not honour min_stopped");

    [Fact]
    public void Parse_ProcessPoolWithZeroMinStopped_AsksForNothing() =>
        Valid(ProcessPool + "\n    min_stopped: 0").Engine.Pools.ShouldHaveSingleItem().MinStopped.ShouldBe(0);

    [Fact]
    public void Parse_NegativeMinStopped_Error() =>
        Parse(Minimal + "\n    min_stopped: -1").Errors.ShouldContain(e => e.Line == 13);
}
