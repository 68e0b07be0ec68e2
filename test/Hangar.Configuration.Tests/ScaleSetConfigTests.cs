using Hangar.Forges.GitHub;

namespace Hangar.Configuration.Tests;

/// <summary><c>forges.NAME.mode</c> (webhook or scaleset), the scale set a pool then is, and <c>server.scale_sets</c>.</summary>
public sealed class ScaleSetConfigTests
{
    private static string WithMode(string mode) =>
        ConfigYaml.Minimal.Replace("token: {env: GH_TOKEN}", $"token: {{env: GH_TOKEN}}\n    mode: {mode}", StringComparison.Ordinal);

    [Fact]
    public void Parse_NoMode_WebhookAndPoolsAreNoScaleSets()
    {
        var config = ConfigYaml.Valid(ConfigYaml.Minimal);

        config.Forges["github"].GitHub.Mode.ShouldBe(GitHubForgeMode.Webhook);
        config.Engine.Pools.Single().ScaleSet.ShouldBeNull();
    }

    [Fact]
    public void Parse_ScaleSetMode_EachPoolIsTheScaleSetOfItsName()
    {
        var config = ConfigYaml.Valid(WithMode("scaleset"));

        config.Forges["github"].GitHub.Mode.ShouldBe(GitHubForgeMode.ScaleSet);
        config.Engine.Pools.Single().ScaleSet.ShouldBe("small");
    }

    [Fact]
    public void Parse_UnknownMode_ErrorNamesTheChoices() =>
        ConfigYaml.SingleError(WithMode("poll")).ShouldBeAt(4, 11, "webhook");

    [Fact]
    public void Parse_ScaleSetRetries_ReadWithDefaultsForTheRest()
    {
        var config = ConfigYaml.Valid("server:\n  scale_sets:\n    conflict_retry_min: 5s\n    conflict_retry_max: 10s\n" + ConfigYaml.Minimal);

        config.Engine.ScaleSets.ConflictRetryMin.ShouldBe(TimeSpan.FromSeconds(5));
        config.Engine.ScaleSets.ConflictRetryMax.ShouldBe(TimeSpan.FromSeconds(10));
        config.Engine.ScaleSets.ErrorBackoffMax.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Parse_ConflictRetryMaxBelowMin_Error() =>
        ConfigYaml.SingleError("server:\n  scale_sets:\n    conflict_retry_min: 50s\n    conflict_retry_max: 10s\n" + ConfigYaml.Minimal)
            .Message.ShouldContain("conflict_retry_max must not be below conflict_retry_min");

    [Theory]
    [InlineData("libvirt")]
    [InlineData("tart")]
    public void Parse_VmProviderKindsAnImportNames_Available(string type) =>
        ConfigYaml.Valid(ConfigYaml.Minimal.Replace("type: docker", $"type: {type}", StringComparison.Ordinal))
            .Providers.Values.ShouldContain(p => p.Type == type);
}
