using Hangar.Providers.External;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary><c>type: external</c>: a GARM provider executable, its settings, and the pool settings it cannot honour.</summary>
public sealed class ExternalProviderConfigTests
{
    private const string Config = """
        forges:
          github:
            token: {env: GH_TOKEN}
        providers:
          lxd:
            type: external
            executable: /bin/true
            config_file: /etc/passwd
            callback_url: https://hangar.example.net/
        pools:
          small:
            forge: github
            repository: acme/app
            provider: lxd
            image: ubuntu:24.04
        """;

    [Fact]
    public void Parse_Minimal_GarmDefaults()
    {
        var external = Valid(Config).Providers["lxd"].External.ShouldNotBeNull();

        external.Name.ShouldBe("lxd");
        external.Executable.ShouldBe("/bin/true");
        external.ConfigFile.ShouldBe("/etc/passwd");
        external.CallbackBaseUrl.ShouldBe(new Uri("https://hangar.example.net/"));
        external.InterfaceVersion.ShouldBe(ExternalProviderOptions.V010);
        external.Environment.ShouldBeEmpty();
        (external.OsType, external.Arch).ShouldBe(("linux", "amd64"));
    }

    [Fact]
    public void Parse_AllKeys_Kept()
    {
        var yaml = Config.Replace("    callback_url:", """
                environment: [PATH, AWS_]
                interface_version: v0.1.1
                exec_timeout: 2m
                arch: arm64
                flavor: t3.large
                extra_specs: {disk_size: '50'}
                callback_url:
            """.TrimEnd() + "", StringComparison.Ordinal);

        var external = Valid(yaml).Providers["lxd"].External.ShouldNotBeNull();

        external.Environment.ShouldBe(["PATH", "AWS_"]);
        external.InterfaceVersion.ShouldBe(ExternalProviderOptions.V011);
        external.ExecTimeout.ShouldBe(TimeSpan.FromMinutes(2));
        external.Arch.ShouldBe("arm64");
        external.Flavor.ShouldBe("t3.large");
        external.ExtraSpecsJson.ShouldBe("""{"disk_size":"50"}""");
    }

    [Fact]
    public void Parse_MissingExecutable_ErrorAtTheValue() =>
        SingleError(Config.Replace("/bin/true", "/nonexistent/garm-provider-lxd", StringComparison.Ordinal))
            .ShouldBeAt(7, 17, "providers.lxd.executable: /nonexistent/garm-provider-lxd does not exist");

    [Fact]
    public void Parse_NotExecutable_ErrorAtTheValue() =>
        SingleError(Config.Replace("executable: /bin/true", "executable: /etc/passwd", StringComparison.Ordinal))
            .ShouldBeAt(7, 17, "is not executable");

    [Fact]
    public void Parse_MissingConfigFile_ErrorAtTheValue() =>
        SingleError(Config.Replace("/etc/passwd", "/nonexistent/lxd.toml", StringComparison.Ordinal))
            .ShouldBeAt(8, 18, "an empty file will do");

    [Fact]
    public void Parse_NoCallbackUrl_ErrorAtTheProvider() =>
        SingleError(Config.Replace("    callback_url: https://hangar.example.net/\n", "", StringComparison.Ordinal))
            .ShouldBeAt(5, 3, "missing required key 'callback_url'");

    [Fact]
    public void Parse_UnknownInterfaceVersion_ErrorAtTheValue() =>
        SingleError(Config.Replace("    callback_url:", "    interface_version: v0.2.0\n    callback_url:", StringComparison.Ordinal))
            .ShouldBeAt(9, 24, "'v0.2.0' is not one of 'v0.1.0', 'v0.1.1'");

    [Theory]
    [InlineData("cpus: 2", "cpus")]
    [InlineData("memory_mb: 2048", "memory_mb")]
    [InlineData("disk_gb: 40", "disk_gb")]
    [InlineData("mounts: [{source: /a, target: /b}]", "mounts")]
    [InlineData("user: runner", "user")]
    public void Parse_PoolSettingTheProviderCannotHonour_ErrorAtTheKey(string line, string key) =>
        SingleError(Config + "\n    " + line).ShouldBeAt(16, 5, $"pools.small.{key}: provider 'lxd' is an external provider, which does not honour {key}");

    /// <summary>What runs on the machine is Hangar's install script, so these are Hangar's to honour.</summary>
    [Fact]
    public void Parse_CommandEnvFileDeliveryAndMinStopped_Kept()
    {
        var pool = Valid(Config + """

                command: [/opt/runner/run.sh, --once]
                env: {RUNNER_ALLOW_RUNASROOT: '1'}
                credential_delivery: file
                min_stopped: 2
            """).Engine.Pools.ShouldHaveSingleItem();

        pool.Command.ShouldBe(["/opt/runner/run.sh", "--once"]);
        pool.Env["RUNNER_ALLOW_RUNASROOT"].ShouldBe("1");
        pool.CredentialDelivery.ShouldBe(Hangar.Core.Providers.CredentialDelivery.File);
        pool.MinStopped.ShouldBe(2);
    }
}
