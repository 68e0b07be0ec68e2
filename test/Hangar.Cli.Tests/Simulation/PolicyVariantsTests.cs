using Hangar.Cli.Simulation;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Cli.Tests.Simulation;

/// <summary><c>hangar simulate --policy</c>: <c>predictive:KEY=VALUE,…</c> for a search over predictive's settings, and
/// the errors of a malformed or unusable policy.</summary>
public sealed class PolicyVariantsTests
{
    private static readonly PoolSpec Pool = SimulatedPool.Linux;

    [Fact]
    public void Predictive_WithSettings_ChangesOnlyThose()
    {
        Expand("predictive:coverage=57%,idle_budget=100%,target_wait=2s", out var variants, out var error).ShouldBeTrue(error);

        var (label, pools, oracle) = variants.ShouldHaveSingleItem();
        oracle.ShouldBeNull();
        label.ShouldBe("predictive coverage=57%,idle_budget=100%,target_wait=2s");
        var policy = pools.ShouldHaveSingleItem().Policy.ShouldBeOfType<PredictiveWarmPolicy>();
        (policy.Coverage, policy.IdleBudget, policy.TargetWait).ShouldBe((0.57, 1.0, TimeSpan.FromSeconds(2)));
        policy.BootTime.ShouldBe(TimeSpan.FromSeconds(40));
        policy.Lookahead.ShouldBe(new PredictiveWarmPolicy().Lookahead);
    }

    [Theory]
    [InlineData("predictive:coverage=157%", "coverage takes a share above 0 and up to 100%")]
    [InlineData("predictive:coverage=0", "coverage takes a share above 0")]
    [InlineData("predictive:warmth=3", "'warmth=3' is not KEY=VALUE")]
    [InlineData("predictive:target_wait=soon", "target_wait takes a duration")]
    [InlineData("predictive:", "'' is not KEY=VALUE")]
    public void Predictive_MalformedSetting_ErrorNamesIt(string text, string says)
    {
        Expand(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldStartWith($"'{text}': ");
        error.ShouldContain(says);
    }

    [Fact]
    public async Task Simulate_OracleWithoutSpells_RefusedWithOneLine()
    {
        var dir = Directory.CreateTempSubdirectory("hangar-sim-");
        var config = Path.Combine(dir.FullName, "hangar.yaml");
        var trace = Path.Combine(dir.FullName, "trace.jsonl");
        await File.WriteAllTextAsync(config, """
            forges:
              github: {api_url: https://api.github.com, token: {env: GITHUB_TOKEN}, webhook_secret: {env: GITHUB_WEBHOOK_SECRET}}
            providers:
              docker: {type: docker}
            pools:
              linux: {forge: github, organization: acme, labels: [self-hosted, linux], provider: docker, image: i, max_runners: 10}
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(trace, "", TestContext.Current.CancellationToken);

        var result = await HangarCli.RunAsync(TimeSpan.FromMinutes(2), "simulate", "-c", config, "--trace", trace, "--policy", "oracle:6/10");

        dir.Delete(recursive: true);
        result.ExitCode.ShouldBe(1, result.Stderr);
        result.Stderr.Trim().ShouldBe("hangar simulate: oracle:CALM/BUSY reads the random profile's hidden spells; give --spells SEED (the trace's seed)");
    }

    private static bool Expand(string text, out List<PolicyVariant> variants, out string? error) =>
        PolicyVariants.TryExpand([text], [Pool], _ => TimeSpan.FromSeconds(40), 10, out variants, out error);
}
