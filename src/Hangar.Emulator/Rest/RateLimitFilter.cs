using Hangar.Emulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Emulator.Rest;

/// <summary>
/// GitHub's primary rate limit: every request made with a valid credential takes one from that credential's hourly
/// quota (<see cref="EmulatorState.TakeRequest"/>) and reports it in <c>x-ratelimit-*</c>; with none left the call is
/// refused with GitHub's 403 and changes nothing. A conditional request answered 304 is given back, as GitHub does not
/// count it. Requests with an invalid credential are left to the auth checks (GitHub limits those per IP instead).
/// </summary>
internal sealed class RateLimitFilter(EmulatorState state, TokenAuthFilter tokens) : IEndpointFilter
{
    private const string RateLimitDocs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (state.RateLimit is null || CredentialOf(http.Request) is not { } credential)
        {
            return await next(context).ConfigureAwait(false);
        }

        var route = RouteOf(http);
        var taken = state.TakeRequest(credential.Key, route);
        if (!taken.Allowed)
        {
            RateLimitHeaders.Write(http.Response, taken.Limit, taken.Used, taken.Reset);
            return GitHubResults.Error(
                StatusCodes.Status403Forbidden,
                $"API rate limit exceeded for {credential.Subject}. If you reach out to GitHub Support for help, please include the request ID "
                + $"{http.Response.Headers["X-GitHub-Request-Id"]}.",
                RateLimitDocs);
        }

        var result = await next(context).ConfigureAwait(false);
        var notModified = result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status304NotModified };
        var used = state.SettleRequest(credential.Key, route, taken, notModified);
        RateLimitHeaders.Write(http.Response, taken.Limit, used, taken.Reset);
        return result;
    }

    private (string Key, string Subject)? CredentialOf(HttpRequest request)
    {
        var presented = PresentedToken.Of(request);
        if (presented is null)
        {
            return null;
        }

        if (tokens.IsPersonalAccessToken(presented))
        {
            return (RateLimitCounters.PersonalAccessToken, "user ID 1");
        }

        if (state.App is not { } app)
        {
            return null;
        }

        if (state.IsInstallationToken(presented))
        {
            return ($"installation:{app.InstallationId}", $"installation ID {app.InstallationId}");
        }

        // App JWTs only work on the App's own endpoints, which verify them again; a bad one is left to them (401).
        return presented.Count(c => c == '.') == 2 && AppJwtVerifier.Verify(presented, app, state.Time.GetUtcNow()) is null
            ? ($"app:{app.AppId}", $"app ID {app.AppId}")
            : null;
    }

    private static string RouteOf(HttpContext http) =>
        $"{http.Request.Method} {(http.GetEndpoint() is RouteEndpoint endpoint ? "/" + endpoint.RoutePattern.RawText?.TrimStart('/') : http.Request.Path.Value)}";
}
