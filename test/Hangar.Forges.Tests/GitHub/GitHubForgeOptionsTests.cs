using Hangar.Forges.GitHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Forges.Tests.GitHub;

public class GitHubForgeOptionsTests
{
    [Theory]
    [InlineData("github", "not a url", TestForge.Token, "ApiUrl")]
    [InlineData("github", "ftp://api.github.com", TestForge.Token, "ApiUrl")]
    [InlineData("github", "https://api.github.com?x=1", TestForge.Token, "ApiUrl")]
    [InlineData("github", "https://api.github.com", "", "Token")]
    [InlineData("github", "https://api.github.com", TestForge.Token + "\r\nX-Injected: 1", "Token")]
    [InlineData("", "https://api.github.com", TestForge.Token, "Name")]
    public void Constructor_InvalidOptions_ThrowsNamingTheProblemButNotTheToken(string name, string apiUrl, string token, string problem)
    {
        var options = new GitHubForgeOptions { Name = name, ApiUrl = apiUrl, Token = token };

        var ex = Should.Throw<ArgumentException>(() =>
            new GitHubForge(options, new HttpClient(new RecordingHandler()), NullLogger<GitHubForge>.Instance, TimeProvider.System));

        ex.Message.ShouldContain(problem);
        ex.Message.ShouldNotContain(TestForge.Token);
    }

    [Fact]
    public void ToString_Options_RedactsToken() =>
        new GitHubForgeOptions { Name = "github", Token = TestForge.Token }.ToString().ShouldNotContain(TestForge.Token);
}
