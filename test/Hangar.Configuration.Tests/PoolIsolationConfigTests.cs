using Hangar.Core.Providers;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary>How a pool's runners are held: credential delivery, user, read-only root, and the Docker limits.</summary>
public sealed class PoolIsolationConfigTests
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
    public void Parse_NothingSet_EnvironmentDeliveryImageUserWritableRootAndDefaultDockerLimits()
    {
        var config = Valid(Minimal);

        var pool = config.Engine.Pools.ShouldHaveSingleItem();
        pool.CredentialDelivery.ShouldBe(CredentialDelivery.Environment);
        pool.User.ShouldBeNull();
        pool.ReadOnlyRoot.ShouldBeFalse();
        var docker = config.Providers["docker"].Docker.ShouldNotBeNull();
        (docker.DefaultMemoryMb, docker.PidsLimit).ShouldBe((8192, 4096));
    }

    [Fact]
    public void Parse_FileDeliveryUserAndReadOnlyRoot_Kept()
    {
        var pool = Valid(Minimal + "\n    credential_delivery: file\n    user: '1001:1001'\n    read_only_root: true").Engine.Pools.ShouldHaveSingleItem();

        (pool.CredentialDelivery, pool.User, pool.ReadOnlyRoot).ShouldBe((CredentialDelivery.File, "1001:1001", true));
    }

    [Fact]
    public void Parse_UnknownCredentialDelivery_ErrorAtTheValue() =>
        SingleError(Minimal + "\n    credential_delivery: tmpfs").ShouldBeAt(13, 26, "pools.small.credential_delivery: 'tmpfs' is not one of 'env', 'file'");

    [Fact]
    public void Parse_UserWithSpaces_ErrorAtTheValue() =>
        SingleError(Minimal + "\n    user: 'ci runner'").ShouldBeAt(13, 11, "pools.small.user: 'ci runner' is not valid");

    [Fact]
    public void Parse_ProcessPoolWithUser_Kept() =>
        Valid(ProcessPool + "\n    user: ci").Engine.Pools.ShouldHaveSingleItem().User.ShouldBe("ci");

    [Fact]
    public void Parse_ProcessPoolWithUserAndGroup_ErrorAtTheValue() =>
        SingleError(ProcessPool + "\n    user: ci:docker").ShouldBeAt(12, 11, "a process provider runs a runner as a user name or uid with that user's own groups");

    [Fact]
    public void Parse_ProcessPoolWithReadOnlyRoot_ErrorAtTheKey() =>
        SingleError(ProcessPool + "\n    read_only_root: true").ShouldBeAt(12, 5, "pools.small.read_only_root: provider 'local' is a process provider");

    [Fact]
    public void Parse_DockerLimits_Kept()
    {
        var docker = Valid(Minimal.Replace("type: docker", "type: docker\n    default_memory_mb: 2048\n    pids_limit: 512", StringComparison.Ordinal))
            .Providers["docker"].Docker.ShouldNotBeNull();

        (docker.DefaultMemoryMb, docker.PidsLimit).ShouldBe((2048, 512));
    }

    [Fact]
    public void Parse_PidsLimitTooLow_ErrorAtTheValue() =>
        SingleError(Minimal.Replace("type: docker", "type: docker\n    pids_limit: 1", StringComparison.Ordinal)).ShouldBeAt(7, 17, "providers.docker.pids_limit");
}
