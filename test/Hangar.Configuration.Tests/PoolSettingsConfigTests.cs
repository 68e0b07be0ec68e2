using Hangar.Core.Providers;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary>A pool may set only what its provider honours; anything else is an error at its key.</summary>
public sealed class PoolSettingsConfigTests
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

    [Fact]
    public void Parse_DockerPoolWithDiskGb_ErrorAtTheKeyListingWhatDockerHonours() =>
        SingleError(Minimal + "\n    disk_gb: 20").ShouldBeAt(
            13, 5, "pools.small.disk_gb: provider 'docker' is a docker provider, which does not honour disk_gb (it honours: image, command, env, mounts, network_mode, cpus, memory_mb, user, read_only_root, credential_delivery: file, min_stopped)");

    [Fact]
    public void Parse_DockerPoolWithInstanceType_ErrorAtTheKey() =>
        SingleError(Minimal + "\n    instance_type: t3.large").ShouldBeAt(13, 5, "pools.small.instance_type: provider 'docker' is a docker provider, which does not honour instance_type");

    [Theory]
    [InlineData("cpus: 2", "cpus")]
    [InlineData("memory_mb: 512", "memory_mb")]
    [InlineData("image: hangar/runner:1", "image")]
    [InlineData("network_mode: host", "network_mode")]
    [InlineData("mounts: [{source: /cache, target: /cache}]", "mounts")]
    [InlineData("disk_gb: 5", "disk_gb")]
    public void Parse_ProcessPoolWithMachineSetting_ErrorAtTheKey(string line, string key) =>
        SingleError(ProcessPool + "\n    " + line).ShouldBeAt(12, 5, $"pools.small.{key}: provider 'local' is a process provider, which does not honour {key} (it honours: command, env, user, credential_delivery: file)");

    [Fact]
    public void Parse_SeveralUnhonouredSettings_OneErrorEach()
    {
        var result = Parse(ProcessPool + "\n    cpus: 2\n    memory_mb: 512");

        result.Errors.Select(e => (e.Line, e.Column)).ShouldBe([(12, 5), (13, 5)]);
    }

    [Fact]
    public void Parse_EmptyMountsOnProcessPool_AsksForNothing() =>
        Valid(ProcessPool + "\n    mounts: []").Engine.Pools.ShouldHaveSingleItem().Mounts.ShouldBeEmpty();

    [Fact]
    public void Parse_ProcessPoolWithFileDelivery_Kept() =>
        Valid(ProcessPool + "\n    credential_delivery: file").Engine.Pools.ShouldHaveSingleItem().CredentialDelivery.ShouldBe(CredentialDelivery.File);

    [Fact]
    public void Parse_BadInstanceType_ErrorAtTheValue() =>
        Parse(Minimal + "\n    instance_type: 'two words'").Errors.ShouldContain(e => e.Line == 13 && e.Column == 20 && e.Message.Contains("a machine type name", StringComparison.Ordinal));

    [Fact]
    public void Describe_Settings_NamesTheirKeysInDocumentationOrder() =>
        PoolSettingKeys.Describe(PoolSettings.DiskGb | PoolSettings.Image | PoolSettings.CredentialFile).ShouldBe("image, disk_gb, credential_delivery: file");
}
