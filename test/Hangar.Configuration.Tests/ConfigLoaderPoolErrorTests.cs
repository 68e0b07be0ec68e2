using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary>Each kind of mistake in a pool, pinned to its exact line and column (lines counted in <see cref="Minimal"/>).</summary>
public class ConfigLoaderPoolErrorTests
{
    // Appends a key to the pool 'small' on line 13, indented to column 5.
    private static string WithPoolLine(string line) => Minimal + "\n    " + line;

    [Fact]
    public void Parse_UnknownKey_PointsAtKeyWithSuggestion() =>
        SingleError(WithPoolLine("imgae: other")).ShouldBeAt(13, 5, "pools.small: unknown key 'imgae'; did you mean 'image'?");

    [Fact]
    public void Parse_UnknownKeyFarFromAnyKnown_HasNoSuggestion()
    {
        var error = SingleError(WithPoolLine("flavour_of_the_month: x"));
        error.ShouldBeAt(13, 5, "unknown key 'flavour_of_the_month'");
        error.Message.ShouldNotContain("did you mean");
    }

    [Fact]
    public void Parse_BadDuration_PointsAtValue() =>
        SingleError(WithPoolLine("boot_timeout: 10x")).ShouldBeAt(13, 19, "pools.small.boot_timeout: '10x' is not a duration");

    [Fact]
    public void Parse_ZeroTtl_IsRejected() =>
        SingleError(WithPoolLine("ttl: 0s")).ShouldBeAt(13, 10, "must be longer than 0");

    [Fact]
    public void Parse_StringWhereIntegerExpected_PointsAtValue() =>
        SingleError(WithPoolLine("max_runners: ten")).ShouldBeAt(13, 18, "expected an integer, got 'ten'");

    [Fact]
    public void Parse_ListWhereMappingExpected_PointsAtValue() =>
        SingleError(WithPoolLine("env: [A, B]")).ShouldBeAt(13, 10, "expected a mapping of names to strings, got a list");

    [Fact]
    public void Parse_MappingWhereListExpected_PointsAtValue() =>
        SingleError(WithPoolLine("labels: {linux: true}")).ShouldBeAt(13, 13, "expected a list of strings, got a mapping");

    [Fact]
    public void Parse_OutOfRangeNumber_PointsAtValue() =>
        SingleError(WithPoolLine("max_runners: 0")).ShouldBeAt(13, 18, "must be greater than 0, got 0");

    [Fact]
    public void Parse_NonPositiveCpus_PointsAtValue() =>
        SingleError(WithPoolLine("cpus: -1.5")).ShouldBeAt(13, 11, "must be greater than 0");

    [Fact]
    public void Parse_BadBoolean_PointsAtValue() =>
        SingleError(WithPoolLine("enabled: yes")).ShouldBeAt(13, 14, "expected true or false, got 'yes'");

    [Fact]
    public void Parse_MissingRequiredKey_PointsAtPoolName() =>
        SingleError(Minimal.Replace("    forge: github\n", "", StringComparison.Ordinal))
            .ShouldBeAt(8, 3, "missing required key 'forge' in pools.small");

    [Fact]
    public void Parse_UnknownProvider_PointsAtValueWithSuggestion() =>
        SingleError(Minimal.Replace("provider: docker", "provider: dokcer", StringComparison.Ordinal))
            .ShouldBeAt(11, 15, "unknown provider 'dokcer'; did you mean 'docker'?");

    [Fact]
    public void Parse_UnknownForge_ListsConfiguredForges() =>
        SingleError(Minimal.Replace("forge: github", "forge: codeberg", StringComparison.Ordinal))
            .ShouldBeAt(9, 12, "unknown forge 'codeberg'; configured: github");

    [Fact]
    public void Parse_MinIdleAboveMaxRunners_PointsAtMinIdle() =>
        SingleError(WithPoolLine("min_idle: 5\n    max_runners: 2")).ShouldBeAt(13, 15, "must not exceed max_runners (2), got 5");

    [Fact]
    public void Parse_DockerPoolWithoutImage_PointsAtPoolName() =>
        SingleError(Minimal.Replace("\n    image: hangar/runner:1", "", StringComparison.Ordinal))
            .ShouldBeAt(8, 3, "missing required key 'image' in pools.small (provider 'docker' is a docker provider)");

    [Fact]
    public void Parse_ProcessPoolWithoutCommand_PointsAtPoolName() =>
        SingleError(Minimal.Replace("type: docker", "type: process", StringComparison.Ordinal).Replace("\n    image: hangar/runner:1", "", StringComparison.Ordinal))
            .ShouldBeAt(8, 3, "missing required key 'command' in pools.small (provider 'docker' is a process provider)");

    [Fact]
    public void Parse_ProcessPoolWithEmptyCommand_PointsAtKey() =>
        SingleError(Minimal.Replace("type: docker", "type: process", StringComparison.Ordinal).Replace("image: hangar/runner:1", "command: []", StringComparison.Ordinal))
            .ShouldBeAt(12, 5, "pools.small.command: a value is required");

    [Fact]
    public void Parse_DuplicateLabelDifferingInCase_PointsAtDuplicate() =>
        SingleError(WithPoolLine("labels: [linux, Linux]")).ShouldBeAt(13, 21, "duplicate label 'Linux'");

    [Fact]
    public void Parse_TwoTargets_PointsAtSecond() =>
        SingleError(WithPoolLine("organization: acme")).ShouldBeAt(13, 5, "only one of 'repository', 'organization', 'enterprise' or 'instance' may be set");

    [Fact]
    public void Parse_NoTarget_PointsAtPoolName() =>
        SingleError(Minimal.Replace("    repository: acme/app\n", "", StringComparison.Ordinal))
            .ShouldBeAt(8, 3, "one of 'repository', 'organization', 'enterprise' or 'instance' is required");

    [Fact]
    public void Parse_RepositoryWithoutOwner_PointsAtValue() =>
        SingleError(Minimal.Replace("repository: acme/app", "repository: acme", StringComparison.Ordinal))
            .ShouldBeAt(10, 17, "'acme' is not valid: expected owner/name");

    [Fact]
    public void Parse_InvalidPoolName_PointsAtName() =>
        SingleError(Minimal.Replace("  small:", "  Small_Pool:", StringComparison.Ordinal))
            .ShouldBeAt(8, 3, "'Small_Pool' is not valid");

    [Fact]
    public void Parse_RelativeMountTarget_PointsAtTarget() =>
        SingleError(WithPoolLine("mounts: [{source: /cache, target: cache}]")).ShouldBeAt(13, 39, "must be an absolute path inside the runner");

    [Fact]
    public void Parse_MountWithoutSource_PointsAtMount() =>
        SingleError(WithPoolLine("mounts:\n      - target: /cache")).ShouldBeAt(14, 9, "missing required key 'source' in pools.small.mounts[0]");

    [Fact]
    public void Parse_InvalidEnvironmentName_PointsAtName() =>
        SingleError(WithPoolLine("env: {1BAD: x}")).ShouldBeAt(13, 11, "'1BAD' is not valid");
}
