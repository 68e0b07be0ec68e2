using System.Net;
using Hangar.Core.Access;
using Hangar.Server.Api;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Tests.Api;

/// <summary>
/// Every route the host maps declares who may call it, and every scoped route refuses a caller without a token (401)
/// and every weaker scope (403). Enumerated from the running host, so a route added later is covered without
/// touching this file, and one added without a declaration fails here.
/// </summary>
public sealed class RouteAccessTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private IReadOnlyList<RouteEndpoint> Routes() =>
        [.. _server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    [Fact]
    public void EveryRoute_DeclaresExactlyOneAccessRule()
    {
        var routes = Routes();
        routes.Count.ShouldBeGreaterThan(10);

        var undeclared = routes
            .Where(r => (r.Metadata.GetMetadata<RequiredScope>() is null) == (r.Metadata.GetMetadata<OpenRoute>() is null))
            .Select(r => r.RoutePattern.RawText)
            .ToList();

        undeclared.ShouldBeEmpty("each route needs .RequireScope(...) or .AllowWithoutApiToken(\"why\") where it is mapped");
    }

    [Fact]
    public void EveryApiRoute_IsScoped()
    {
        var open = Routes()
            .Where(r => r.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && r.Metadata.GetMetadata<RequiredScope>() is null)
            // A machine's own calls carry its instance token, never an API token (InstanceTokenFilter checks it).
            .Where(r => !r.RoutePattern.RawText!.StartsWith("/api/v1/instances/", StringComparison.Ordinal))
            .Select(r => r.RoutePattern.RawText)
            .ToList();

        open.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryScopedRoute_NoTokenOrAWeakerScope_Refused()
    {
        var tokens = new Dictionary<ApiScope, string>
        {
            [ApiScope.Planner] = (await ApiClient.CreateTokenAsync(_server, "planner")).Token,
            [ApiScope.Read] = (await ApiClient.CreateTokenAsync(_server, "read")).Token,
            [ApiScope.Admin] = ServerFixture.ApiToken,
        };
        var checkedCalls = 0;
        foreach (var route in Routes())
        {
            if (route.Metadata.GetMetadata<RequiredScope>() is not { } required)
            {
                continue;
            }

            var path = string.Join("/", route.RoutePattern.RawText!.Split('/').Select(s => s.StartsWith('{') ? "x" : s));
            foreach (var method in route.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                using (var anonymous = await ApiClient.SendAsync(_server, new HttpMethod(method), path, null))
                {
                    anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path} without a token");
                    anonymous.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
                }

                foreach (var scope in ApiScopes.All)
                {
                    using var response = await ApiClient.SendAsync(_server, new HttpMethod(method), path, tokens[scope]);
                    if (ApiScopes.Grants(scope, required.Scope))
                    {
                        response.StatusCode.ShouldNotBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], $"{method} {path} as {scope}");
                    }
                    else
                    {
                        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path} as {scope} (needs {required.Scope})");
                        response.Headers.WwwAuthenticate.ToString().ShouldContain("insufficient_scope");
                    }

                    checkedCalls++;
                }
            }
        }

        checkedCalls.ShouldBeGreaterThan(30);
    }

    [Fact]
    public async Task PlannerToken_ReadsFlavorsAndPressure_AndNothingElse()
    {
        var (_, planner) = await ApiClient.CreateTokenAsync(_server, "planner");

        foreach (var path in new[] { "/api/v1/flavors" })
        {
            using var allowed = await ApiClient.SendAsync(_server, HttpMethod.Get, path, planner);
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        foreach (var path in new[] { "/api/v1/pools", "/api/v1/runners", "/api/v1/jobs", "/api/v1/tokens" })
        {
            using var refused = await ApiClient.SendAsync(_server, HttpMethod.Get, path, planner);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
        }
    }

    [Fact]
    public async Task ConfigTokenWithoutScope_CanReadCannotWrite()
    {
        using var read = await ApiClient.SendAsync(_server, HttpMethod.Get, "/api/v1/jobs", ServerFixture.ReadToken);
        using var write = await ApiClient.SendAsync(_server, HttpMethod.Post, "/api/v1/tokens", ServerFixture.ReadToken,
            new Dictionary<string, string> { ["name"] = "escalate", ["scope"] = "admin" });

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _server.Store.ListApiTokensAsync(new ApiTokenQuery(), TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RevokedToken_RefusedAtOnce()
    {
        var (id, token) = await ApiClient.CreateTokenAsync(_server, "read");
        using (var before = await ApiClient.SendAsync(_server, HttpMethod.Get, "/api/v1/jobs", token))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var revoke = await ApiClient.SendAsync(_server, HttpMethod.Delete, $"/api/v1/tokens/{id}", ServerFixture.ApiToken))
        {
            revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var after = await ApiClient.SendAsync(_server, HttpMethod.Get, "/api/v1/jobs", token);
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("revoked");
    }

    [Fact]
    public async Task ExpiredOrTamperedToken_Refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, token, hash) = ApiTokenFormat.Generate();
        var now = DateTimeOffset.UtcNow;
        await _server.Store.InsertApiTokenAsync(new ApiToken { Id = id, Name = "old", Scope = ApiScope.Admin, SecretHash = hash, CreatedAt = now.AddDays(-2), ExpiresAt = now.AddDays(-1) }, ct);
        var (_, live) = await ApiClient.CreateTokenAsync(_server, "read");

        using var expired = await ApiClient.SendAsync(_server, HttpMethod.Get, "/api/v1/jobs", token);
        using var tampered = await ApiClient.SendAsync(_server, HttpMethod.Get, "/api/v1/jobs", live[..^1] + (live[^1] == 'A' ? 'B' : 'A'));

        expired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await expired.Content.ReadAsStringAsync(ct)).ShouldContain("expired");
        tampered.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tokens_CreatedListedUsed_SecretNeverListedAndLastUseRecorded()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, token) = await ApiClient.CreateTokenAsync(_server, "planner", expiresIn: "30d");
        using (var used = await ApiClient.SendAsync(_server, HttpMethod.Get, "/api/v1/flavors", token))
        {
            used.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var list = await ApiClient.SendAsync(_server, HttpMethod.Get, "/api/v1/tokens", ServerFixture.ApiToken);
        var text = await list.Content.ReadAsStringAsync(ct);

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        text.ShouldNotContain(token[^20..]);
        text.ShouldContain("\"source\":\"config\"");
        var stored = (await _server.Store.GetApiTokenAsync(id, ct)).ShouldNotBeNull();
        stored.Scope.ShouldBe(ApiScope.Planner);
        stored.LastUsedAt.ShouldNotBeNull();
        stored.ExpiresAt.ShouldNotBeNull();
        stored.SecretHash.ShouldNotBe(System.Text.Encoding.UTF8.GetBytes(token));
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"scope\":\"root\"}")]
    [InlineData("{\"scope\":\"read\"}")]
    [InlineData("{\"name\":\"x\",\"scope\":\"read\",\"expires_in\":\"soon\"}")]
    [InlineData("{\"name\":\"x\",\"scope\":\"read\",\"expires_at\":\"2001-01-01T00:00:00Z\"}")]
    public async Task CreateToken_BadRequest_400Problem(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", ServerFixture.ApiToken);

        using var response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task RouteWithoutDeclaration_RefusedByTheMiddleware()
    {
        var context = new DefaultHttpContext();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "undeclared"));
        context.RequestServices = _server.App.Services;
        context.Response.Body = new MemoryStream();
        var reached = false;
        var middleware = ActivatorUtilities.CreateInstance<ApiAccessMiddleware>(_server.App.Services, (RequestDelegate)(_ => { reached = true; return Task.CompletedTask; }));

        await middleware.InvokeAsync(context);

        reached.ShouldBeFalse();
        context.Response.StatusCode.ShouldBe(StatusCodes.Status403Forbidden);
    }
}
