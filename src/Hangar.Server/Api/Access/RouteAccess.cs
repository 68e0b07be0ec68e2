using Hangar.Core.Access;
using Microsoft.AspNetCore.Builder;

namespace Hangar.Server.Api.Access;

/// <summary>
/// How a route declares who may call it, next to where it is mapped. Every route declares exactly one of the two:
/// <c>ApiAccessMiddleware</c> refuses a route that declares neither, and <c>RouteAccessTests</c> enumerates every
/// mapped route and fails on one. So a new route cannot be reached by accident before someone decided its scope.
/// </summary>
internal static class RouteAccess
{
    /// <summary>Callers need a bearer token whose scope grants <paramref name="scope"/> (see <see cref="ApiScopes.Grants"/>).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ApiScope scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope));

    /// <summary>No API token is asked for; <paramref name="reason"/> says why that is safe (e.g. "webhook: HMAC signature").</summary>
    public static TBuilder AllowWithoutApiToken<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return builder.WithMetadata(new OpenRoute(reason));
    }

    /// <summary>
    /// The route also takes the dashboard's session cookie in place of a bearer token (for a browser's
    /// <c>EventSource</c>, which cannot send headers). Only for the dashboard's own GET routes; the scope still applies.
    /// </summary>
    public static TBuilder AcceptDashboardSession<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DashboardSessionRoute());
}
