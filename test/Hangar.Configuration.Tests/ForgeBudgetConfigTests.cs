namespace Hangar.Configuration.Tests;

/// <summary><c>forges.NAME.rate_limit_reserve</c> and <c>response_cache_entries</c>: the GitHub forge's request budget.</summary>
public sealed class ForgeBudgetConfigTests
{
    [Fact]
    public void Parse_NotSet_DefaultReserveAndCache()
    {
        var forge = ConfigYaml.Valid(ConfigYaml.Minimal).Forges["github"];

        forge.GitHub.RateLimitReserve.ShouldBeNull();
        forge.GitHub.ResponseCacheEntries.ShouldBe(4096);
    }

    [Fact]
    public void Parse_Set_AreRead()
    {
        var forge = ConfigYaml.Valid(ConfigYaml.Minimal.Replace(
            "token: {env: GH_TOKEN}", "token: {env: GH_TOKEN}\n    rate_limit_reserve: 800\n    response_cache_entries: 0", StringComparison.Ordinal)).Forges["github"];

        forge.GitHub.RateLimitReserve.ShouldBe(800);
        forge.GitHub.ResponseCacheEntries.ShouldBe(0);
    }

    [Fact]
    public void Parse_NegativeReserve_IsAnErrorAtTheValue() =>
        ConfigYaml.SingleError(ConfigYaml.Minimal.Replace(
            "token: {env: GH_TOKEN}", "token: {env: GH_TOKEN}\n    rate_limit_reserve: -1", StringComparison.Ordinal)).Message.ShouldContain("rate_limit_reserve");
}
