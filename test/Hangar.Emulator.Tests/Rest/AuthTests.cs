using System.Net;
using System.Net.Http.Headers;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.Rest;

public sealed class AuthTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic Z2hwOng=")]
    [InlineData("Bearer")]
    public async Task RestCall_BadOrMissingCredentials_Returns401BadCredentials(string? authorization)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "orgs/acme/actions/runners");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await emulator.Anonymous.SendAsync(request, TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await response.JsonAsync();
        body["message"]!.GetValue<string>().ShouldBe("Bad credentials");
        body["documentation_url"]!.GetValue<string>().ShouldStartWith("https://docs.github.com/");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("token")]
    public async Task RestCall_TokenInEitherScheme_IsAccepted(string scheme)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "repos/acme/app/actions/runners");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, TestEmulator.Token);

        var response = await emulator.Anonymous.SendAsync(request, TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownPath_Authenticated_Returns404InGitHubShape()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.Http.GetAsync("repos/acme/app/actions/secrets", TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.JsonAsync())["message"]!.GetValue<string>().ShouldBe("Not Found");
    }

    [Fact]
    public async Task RestCall_AnyAnswer_CarriesGitHubRateLimitHeaders()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());

        response.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("4999");
        long.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBePositive();
    }
}
