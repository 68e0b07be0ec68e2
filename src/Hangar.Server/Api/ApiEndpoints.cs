using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Api;

/// <summary>
/// The read API, <c>/api/v1/...</c>, behind bearer tokens. Every list is paged: <c>limit</c> (1 to
/// <see cref="PageRequest.MaxLimit"/>, default <see cref="PageRequest.DefaultLimit"/>) and an opaque <c>cursor</c>
/// taken from the previous page; a page never loads more rows than it returns (plus one).
/// </summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapHangarApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").AddEndpointFilter<BearerTokenFilter>();
        PoolEndpoints.Map(api);
        RunnerEndpoints.Map(api);
        JobEndpoints.Map(api);
        IntakeEndpoints.Map(api);
        return routes;
    }
}
