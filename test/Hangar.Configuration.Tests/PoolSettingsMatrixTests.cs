using Hangar.Core.Providers;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary>
/// Every provider type against every pool setting: what a type cannot honour is one error at the setting's key (file,
/// line, column), and what it honours loads. The expected table is written out here, not read from the providers'
/// own sets, so a set that quietly gains or loses a setting fails this test.
/// </summary>
public sealed class PoolSettingsMatrixTests
{
    /// <summary>Per type: its provider's name, a configuration with one pool on it, and the settings it refuses.</summary>
    private static readonly Dictionary<string, (string Name, string Yaml, string[] Refused)> Types = new()
    {
        ["docker"] = ("docker", Base("docker", "type: docker", "image: hangar/runner:1"), ["disk_gb", "instance_type"]),
        ["process"] = ("local", Base("local", "type: process\n    work_dir: /srv/runners", "command: [/opt/runner/run.sh]"),
            ["image", "mounts", "network_mode", "cpus", "memory_mb", "disk_gb", "instance_type", "read_only_root", "min_stopped"]),
        ["libvirt"] = ("vms", Base("vms", "type: libvirt", "image: /var/lib/images/runner.qcow2"), ["network_mode", "instance_type", "user", "read_only_root"]),
        ["tart"] = ("macs", Base("macs", "type: tart", "image: ghcr.io/cirruslabs/macos-sequoia-xcode:latest"),
            ["network_mode", "instance_type", "user", "read_only_root", "min_stopped"]),
        ["external"] = ("lxd", Base("lxd", "type: external\n    executable: /bin/true\n    config_file: /etc/passwd\n    callback_url: https://hangar.example.net/", "image: ubuntu:24.04"),
            ["mounts", "network_mode", "cpus", "memory_mb", "disk_gb", "user", "read_only_root"]),
    };

    /// <summary>A line asking for each setting (every key of <see cref="PoolSettingKeys.All"/>).</summary>
    private static readonly Dictionary<string, string> Lines = new()
    {
        ["image"] = "image: hangar/runner:1",
        ["command"] = "command: [/run.sh]",
        ["env"] = "env: {MODE: ci}",
        ["mounts"] = "mounts: [{source: /srv/cache, target: /cache}]",
        ["network_mode"] = "network_mode: host",
        ["cpus"] = "cpus: 2",
        ["memory_mb"] = "memory_mb: 2048",
        ["disk_gb"] = "disk_gb: 40",
        ["instance_type"] = "instance_type: m5.large",
        ["user"] = "user: runner",
        ["read_only_root"] = "read_only_root: true",
        ["credential_delivery"] = "credential_delivery: file",
        ["min_stopped"] = "min_stopped: 1",
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var type in Types.Keys)
        {
            foreach (var (_, key) in PoolSettingKeys.All)
            {
                cases.Add(type, key);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_EveryProviderTypeAndPoolSetting_RefusedAtTheKeyExactlyWhenTheTypeCannotHonourIt(string type, string key)
    {
        Lines.Keys.ShouldBe(PoolSettingKeys.All.Select(s => s.Key), ignoreOrder: true, "a line for every pool setting");
        var (name, yaml, refused) = Types[type];
        var present = yaml.Contains("\n    " + key + ":", StringComparison.Ordinal);
        var withSetting = present ? yaml : yaml + "\n    " + Lines[key];

        if (refused.Contains(key))
        {
            var what = key == "credential_delivery" ? "credential_delivery: file" : key;
            SingleError(withSetting).ShouldBeAt(
                withSetting.Split('\n').Length, 5, $"pools.small.{key}: provider '{name}' is {(type == "external" ? "an" : "a")} {type} provider, which does not honour {what} (it honours: ");
        }
        else
        {
            Valid(withSetting).Engine.Pools.ShouldHaveSingleItem();
        }
    }

    [Fact]
    public void Parse_InstanceTypeOnAnExternalPool_KeptForTheGarmFlavor() =>
        Valid(Types["external"].Yaml + "\n    instance_type: n2-standard-4").Engine.Pools.ShouldHaveSingleItem().InstanceType.ShouldBe("n2-standard-4");

    private static string Base(string provider, string settings, string poolLine) => $"""
        forges:
          github:
            token: {"{env: GH_TOKEN}"}
        providers:
          {provider}:
            {settings}
        pools:
          small:
            forge: github
            repository: acme/app
            provider: {provider}
            {poolLine}
        """;
}
