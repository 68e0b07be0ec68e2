using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hangar.Server.Tests.Api;

/// <summary>Calls to the test server's REST API as a given token, and tokens made through it.</summary>
internal static class ApiClient
{
    public static async Task<HttpResponseMessage> SendAsync(ServerFixture server, HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        // Headers only: a streaming route (pressure, and any stream added later) answers its status at once and never ends.
        return await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    /// <summary>Makes a token through the API with the fixture's admin token; returns its id and secret.</summary>
    public static async Task<(string Id, string Token)> CreateTokenAsync(ServerFixture server, string scope, string? expiresIn = null)
    {
        using var response = await SendAsync(server, HttpMethod.Post, "/api/v1/tokens", ServerFixture.ApiToken,
            new Dictionary<string, string?> { ["name"] = $"{scope} test token", ["scope"] = scope, ["expires_in"] = expiresIn });
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, text);
        using var doc = JsonDocument.Parse(text);
        return (doc.RootElement.GetProperty("id").GetString()!, doc.RootElement.GetProperty("token").GetString()!);
    }
}
