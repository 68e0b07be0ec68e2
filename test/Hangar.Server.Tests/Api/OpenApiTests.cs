using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hangar.Core.Access;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Tests.Api;

/// <summary>
/// The OpenAPI document covers every mapped route with its scope and ProblemDetails errors, and every route it
/// documents answers. Both directions are read from the running host, so a route added later is covered here.
/// </summary>
public sealed partial class OpenApiTests : IAsyncLifetime
{
    /// <summary>Routes left out of the document on purpose: static files of the dashboard, and the document itself.</summary>
    private static readonly string[] Undocumented = ["/", "/dashboard/assets/{file}", "/openapi/{documentName}.json", "/metrics"];

    private ServerFixture _server = null!;
    private JsonDocument _document = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        using var response = await _server.Http.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _document.Dispose();
        await _server.DisposeAsync();
    }

    private IEnumerable<(string Path, string Method, RouteEndpoint Route)> MappedOperations() =>
        from route in _server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        let path = Constraint().Replace(route.RoutePattern.RawText!, "")
        where !Undocumented.Contains(path)
        from method in route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []
        select (path, method.ToLowerInvariant(), route);

    [Fact]
    public void EveryMappedRoute_IsDocumentedWithItsAccess()
    {
        var paths = _document.RootElement.GetProperty("paths");
        var operations = MappedOperations().ToList();
        operations.Count.ShouldBeGreaterThan(20);

        foreach (var (path, method, route) in operations)
        {
            paths.TryGetProperty(path, out var item).ShouldBeTrue($"{path} is not in the document");
            item.TryGetProperty(method, out var operation).ShouldBeTrue($"{method} {path} is not in the document");
            var responses = operation.GetProperty("responses");
            if (route.Metadata.GetMetadata<RequiredScope>() is { } required)
            {
                operation.GetProperty("x-hangar-scope").GetString().ShouldBe(ApiScopes.Name(required.Scope), $"{method} {path}");
                operation.GetProperty("security")[0].GetProperty("bearer")[0].GetString().ShouldBe(ApiScopes.Name(required.Scope));
                foreach (var status in new[] { "401", "403" })
                {
                    responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema")
                        .GetProperty("$ref").GetString().ShouldBe("#/components/schemas/ProblemDetails", $"{method} {path} {status}");
                }
            }
            else
            {
                operation.GetProperty("x-hangar-open").GetString().ShouldBe(route.Metadata.GetMetadata<OpenRoute>()!.Reason);
            }

            responses.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue($"{method} {path}");
        }

        _document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails")
            .GetProperty("properties").TryGetProperty("detail", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task EveryDocumentedOperation_Answers()
    {
        var answered = 0;
        foreach (var item in _document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var path = Parameter().Replace(item.Name, "x");
            foreach (var operation in item.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                using var response = await ApiClient.SendAsync(_server, new HttpMethod(operation.Name.ToUpperInvariant()), path, ServerFixture.ApiToken);
                response.StatusCode.ShouldNotBe(HttpStatusCode.MethodNotAllowed, $"{operation.Name} {path}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    // A handler's 404 names what it did not find; routing's own 404 (no such route) has no detail.
                    var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    body.ShouldContain("\"detail\"", customMessage: $"{operation.Name} {path}: no route answers");
                }

                answered++;
            }
        }

        answered.ShouldBe(MappedOperations().Count());
    }

    [Fact]
    public async Task TheDocument_NeedsNoToken_AndDescribesTheBearerScheme()
    {
        var scheme = _document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");

        scheme.GetProperty("type").GetString().ShouldBe("http");
        scheme.GetProperty("scheme").GetString().ShouldBe("bearer");
        using var unknown = await _server.Http.GetAsync("/openapi/v2.json", TestContext.Current.CancellationToken);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [GeneratedRegex(@":[^}]*")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
