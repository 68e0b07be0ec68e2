using Hangar.Configuration;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary>Mistakes outside pools, YAML syntax and file problems, each pinned to its exact line and column.</summary>
public class ConfigLoaderErrorTests
{
    [Fact]
    public void Parse_ThreeDifferentMistakes_ReportsAllThreeInFileOrder()
    {
        const string yaml = """
            server:
              listen: http://127.0.0.1:8080
              converge_intervl: 10s
            forges:
              github:
                token: {env: GH_TOKEN}
            providers:
              docker:
                type: docker
            pools:
              small:
                forge: github
                repository: acme/app
                provider: dokker-two
                image: hangar/runner:1
                ttl: 12 hours
            """;

        var result = Parse(yaml);

        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => e.ToString()).ShouldBe(
        [
            $"{FilePath}:3:3: server: unknown key 'converge_intervl'; did you mean 'converge_interval'?",
            $"{FilePath}:14:15: pools.small.provider: unknown provider 'dokker-two'; configured: docker",
            $"{FilePath}:16:10: pools.small.ttl: '12 hours' is not a duration; use e.g. 500ms, 30s, 10m, 1h30m, 2d, or a number of seconds",
        ]);
    }

    [Fact]
    public void ConfigError_ToString_IsFileLineColonColumnMessage() =>
        new ConfigError("hangar.yaml", 12, 5, "boom").ToString().ShouldBe("hangar.yaml:12:5: boom");

    [Fact]
    public void Parse_UnknownRootKey_SuggestsClosest() =>
        SingleError("serve:\n  listen: http://127.0.0.1:1\n" + Minimal).ShouldBeAt(1, 1, "unknown key 'serve'; did you mean 'server'?");

    [Fact]
    public void Parse_ScalarWhereSectionExpected_PointsAtValue() =>
        SingleError("server: 8080\n" + Minimal).ShouldBeAt(1, 9, "server: expected a mapping, got a scalar");

    [Fact]
    public void Parse_BadUrl_PointsAtValueWithoutEchoingIt()
    {
        var error = SingleError(Minimal.Replace("    token:", "    api_url: ftp://user:pw@example.test\n    token:", StringComparison.Ordinal));
        error.ShouldBeAt(3, 14, "forges.github.api_url: expected an absolute http:// or https:// URL");
        error.ToString().ShouldNotContain("pw@");
    }

    [Fact]
    public void Parse_BadEnum_PointsAtValueWithChoices() =>
        SingleError(Minimal.Replace("type: docker", "type: kubernetes", StringComparison.Ordinal))
            .ShouldBeAt(6, 11, "providers.docker.type: 'kubernetes' is not one of 'docker', 'process'");

    [Fact]
    public void Parse_OutOfRangeConcurrency_PointsAtValue() =>
        SingleError(Minimal.Replace("type: docker", "type: docker\n    max_concurrency: 300", StringComparison.Ordinal))
            .ShouldBeAt(7, 22, "must be between 1 and 256, got 300");

    [Fact]
    public void Parse_ProviderKeyForOtherType_PointsAtKey() =>
        SingleError(Minimal.Replace("type: docker", "type: process\n    endpoint: unix:///x", StringComparison.Ordinal)
                .Replace("image: hangar/runner:1", "command: [/runner/run.sh]", StringComparison.Ordinal))
            .ShouldBeAt(7, 5, "only a docker provider takes an endpoint");

    [Fact]
    public void Parse_ProviderWithoutType_PointsAtProviderName() =>
        SingleError(Minimal.Replace("    type: docker", "    max_concurrency: 2", StringComparison.Ordinal))
            .ShouldBeAt(5, 3, "missing required key 'type' in providers.docker");

    [Fact]
    public void Parse_InlineSecret_ErrorDoesNotContainTheSecret()
    {
        var error = SingleError(Minimal.Replace("token: {env: GH_TOKEN}", "token: ghp_abc123secret", StringComparison.Ordinal));

        error.ShouldBeAt(3, 12, "forges.github.token: secrets are never inline; use {file: ...} or {env: ...}");
        error.ToString().ShouldNotContain("ghp_abc123secret");
    }

    [Fact]
    public void Parse_InlineConnectionString_ErrorDoesNotContainThePassword()
    {
        var error = SingleError("store:\n  type: postgres\n  connection_string: \"Host=db;Password=hunter2\"\n" + Minimal);

        error.ShouldBeAt(3, 22, "secrets are never inline");
        error.ToString().ShouldNotContain("hunter2");
    }

    [Fact]
    public void Parse_SecretPastedAsUnknownKey_ErrorDoesNotContainIt()
    {
        var error = SingleError(Minimal.Replace("token: {env: GH_TOKEN}", "token: {ghp_abc123secret}", StringComparison.Ordinal));

        error.ShouldBeAt(3, 13, "unknown key");
        error.ToString().ShouldNotContain("ghp_abc123secret");
    }

    [Fact]
    public void Parse_SecretRefWithoutFileOrEnv_PointsAtKey() =>
        SingleError(Minimal.Replace("token: {env: GH_TOKEN}", "token: {name: gh}", StringComparison.Ordinal))
            .ShouldBeAt(3, 5, "forges.github.token: a secret reference needs 'file' or 'env'");

    [Fact]
    public void Parse_ForgeWithoutToken_PointsAtForgeName() =>
        SingleError(Minimal.Replace("    token: {env: GH_TOKEN}", "    type: github", StringComparison.Ordinal))
            .ShouldBeAt(2, 3, "missing required key 'token' in forges.github");

    [Fact]
    public void Parse_PostgresWithoutConnectionString_PointsAtStore() =>
        SingleError("store:\n  type: postgres\n" + Minimal).ShouldBeAt(1, 1, "missing required key 'connection_string' in store");

    [Fact]
    public void Parse_SqliteWithConnectionString_PointsAtKey() =>
        SingleError("store:\n  connection_string: {env: PG}\n" + Minimal).ShouldBeAt(2, 3, "only a postgres store takes a connection string");

    [Fact]
    public void Parse_PostgresWithPath_PointsAtKey() =>
        SingleError("store:\n  type: postgres\n  path: x.db\n  connection_string: {env: PG}\n" + Minimal).ShouldBeAt(3, 3, "only a sqlite store takes a path");

    [Fact]
    public void Parse_BadControllerId_PointsAtValue() =>
        SingleError("server:\n  controller_id: Prod_EU\n" + Minimal).ShouldBeAt(2, 18, "'Prod_EU' is not valid");

    [Fact]
    public void Parse_BadServerDuration_PointsAtValue() =>
        SingleError("server:\n  observe_interval: 5 minutes\n" + Minimal).ShouldBeAt(2, 21, "'5 minutes' is not a duration");

    [Fact]
    public void Parse_DuplicateApiTokenName_PointsAtSecond() =>
        SingleError("server:\n  api_tokens:\n    - {name: ops, env: A}\n    - {name: ops, file: b}\n" + Minimal)
            .ShouldBeAt(4, 7, "another API token is already named 'ops'");

    [Fact]
    public void Parse_YamlSyntaxError_ReportsOneErrorAtItsMark() =>
        SingleError(Minimal.Replace("image: hangar/runner:1", "image: 'hangar/runner:1", StringComparison.Ordinal))
            .ShouldBeAt(12, 12, "found unexpected end of stream");

    [Fact]
    public void Parse_DuplicateKey_PointsAtSecondOccurrence() =>
        SingleError(Minimal + "\n    image: other").ShouldBeAt(13, 5, "Duplicate key");

    [Fact]
    public void Parse_SecondDocument_IsAnError() =>
        SingleError(Minimal + "\n---\nserver: {}").ShouldBeAt(14, 1, "only one YAML document");

    [Fact]
    public void Parse_RootIsAList_IsAnError() =>
        SingleError("- a\n- b\n").ShouldBeAt(1, 1, "expected a mapping with server, store, forges, providers, pools, intake, telemetry, got a list");

    [Fact]
    public void Load_MissingFile_ReportsOneErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hangar-missing-{Guid.NewGuid():N}", "hangar.yaml");

        var result = ConfigLoader.Load(path);

        result.IsValid.ShouldBeFalse();
        result.Config.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.ToString().ShouldBe($"{path}:0:0: configuration file not found");
    }
}
