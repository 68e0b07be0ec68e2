using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary><c>forges.NAME.api_url</c> over plain http: the token and every runner credential would travel in the clear.</summary>
public sealed class ForgeApiUrlSchemeConfigTests
{
    [Fact]
    public void Parse_PlainHttpToAnotherHost_ErrorAtTheUrl() =>
        SingleError(WithApiUrl("http://github.example.com/api/v3"))
            .ShouldBeAt(3, 14, "forges.github.api_url: plain http would send the token and runner credentials unencrypted; use https, or set allow_insecure_http: true");

    [Theory]
    [InlineData("http://127.0.0.1:8081")]
    [InlineData("http://localhost:8081/api/v3")]
    [InlineData("http://[::1]:8081")]
    [InlineData("https://github.example.com/api/v3")]
    public void Parse_LoopbackOrHttps_Accepted(string url) =>
        Valid(WithApiUrl(url)).Forges["github"].GitHub.ApiUrl.ShouldBe(url);

    [Fact]
    public void Parse_PlainHttpExplicitlyAllowed_Accepted() =>
        Valid(WithApiUrl("http://github.example.com/api/v3", "\n    allow_insecure_http: true"))
            .Forges["github"].GitHub.ApiUrl.ShouldBe("http://github.example.com/api/v3");

    private static string WithApiUrl(string url, string extra = "") =>
        Minimal.Replace("    token:", $"    api_url: {url}{extra}\n    token:", StringComparison.Ordinal);
}
