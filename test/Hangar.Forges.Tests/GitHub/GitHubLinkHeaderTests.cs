using Hangar.Forges.GitHub;

namespace Hangar.Forges.Tests.GitHub;

public class GitHubLinkHeaderTests
{
    [Theory]
    [InlineData("<https://api.github.com/x?page=2>; rel=\"next\", <https://api.github.com/x?page=5>; rel=\"last\"", "https://api.github.com/x?page=2")]
    [InlineData("<https://api.github.com/x?page=1>; rel=\"prev\", <https://api.github.com/x?page=3>; rel=\"next\"", "https://api.github.com/x?page=3")]
    [InlineData("<https://api.github.com/x?page=3>; rel=next", "https://api.github.com/x?page=3")]
    [InlineData("<https://api.github.com/x?page=3>;rel=\"last next\"", "https://api.github.com/x?page=3")]
    [InlineData("<https://api.github.com/x?page=1>; rel=\"first\", <https://api.github.com/x?page=4>; rel=\"prev\"", null)]
    [InlineData("", null)]
    [InlineData("<https://api.github.com/x?page=2", null)]
    [InlineData("garbage; rel=\"next\"", null)]
    public void FindNext_LinkHeader_ReturnsNextTargetOnly(string header, string? expected) =>
        GitHubLinkHeader.FindNext(header).ShouldBe(expected);
}
