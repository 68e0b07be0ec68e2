using System.Net;
using System.Net.Http.Json;
using Hangar.Server.Tests.Api;

namespace Hangar.Server.Tests.Dashboard;

/// <summary>
/// The dashboard's session cookie: given only for a token of read scope or more, HttpOnly and SameSite=Strict, taken
/// only by the dashboard's own GET routes, and ended at once when its token is revoked.
/// </summary>
public sealed class DashboardSessionTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, string? Cookie)> LogInAsync(string token)
    {
        using var response = await _server.Http.PostAsJsonAsync("/dashboard/session", new { token }, TestContext.Current.CancellationToken);
        return (response.StatusCode, response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Single() : null);
    }

    private async Task<HttpStatusCode> GetWithCookieAsync(string path, string cookie, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var response = await _server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task Login_ReadToken_GivesAStrictHttpOnlyCookieForTheDashboardOnly()
    {
        var (status, cookie) = await LogInAsync(ServerFixture.ReadToken);

        status.ShouldBe(HttpStatusCode.NoContent);
        cookie.ShouldNotBeNull();
        cookie.ShouldStartWith("hangar_session=");
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/dashboard", Case.Insensitive);
        cookie.ShouldNotContain(ServerFixture.ReadToken);
        (await GetWithCookieAsync("/dashboard/snapshot", cookie)).ShouldBe(HttpStatusCode.OK);
        (await GetWithCookieAsync("/dashboard/events", cookie)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SessionCookie_RefusedByEveryApiRoute()
    {
        var (_, admin) = await LogInAsync(ServerFixture.ApiToken);

        (await GetWithCookieAsync("/api/v1/pools", admin!)).ShouldBe(HttpStatusCode.Unauthorized);
        (await GetWithCookieAsync("/api/v1/tokens", admin!)).ShouldBe(HttpStatusCode.Unauthorized);
        (await GetWithCookieAsync("/api/v1/tokens/x", admin!, HttpMethod.Delete)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task Login_InvalidToken_401AndNoCookie(string token)
    {
        var (status, cookie) = await LogInAsync(token);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        cookie.ShouldBeNull();
    }

    [Fact]
    public async Task Login_PlannerToken_Refused()
    {
        var (_, planner) = await ApiClient.CreateTokenAsync(_server, "planner");

        var (status, cookie) = await LogInAsync(planner);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        cookie.ShouldBeNull();
    }

    [Fact]
    public async Task RevokedToken_EndsItsSessionAtOnce()
    {
        var (id, read) = await ApiClient.CreateTokenAsync(_server, "read");
        var (_, cookie) = await LogInAsync(read);
        (await GetWithCookieAsync("/dashboard/snapshot", cookie!)).ShouldBe(HttpStatusCode.OK);

        using (var revoke = await ApiClient.SendAsync(_server, HttpMethod.Delete, $"/api/v1/tokens/{id}", ServerFixture.ApiToken))
        {
            revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await GetWithCookieAsync("/dashboard/snapshot", cookie!)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_ForgetsTheSession()
    {
        var (_, cookie) = await LogInAsync(ServerFixture.ReadToken);

        (await GetWithCookieAsync("/dashboard/session", cookie!, HttpMethod.Delete)).ShouldBe(HttpStatusCode.NoContent);

        (await GetWithCookieAsync("/dashboard/snapshot", cookie!)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Page_OpenButHoldsNoData_AndOnlyItsOwnScriptsMayRun()
    {
        using var page = await _server.Http.GetAsync("/", TestContext.Current.CancellationToken);
        using var missing = await _server.Http.GetAsync("/dashboard/assets/secrets.txt", TestContext.Current.CancellationToken);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        (await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("github");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
