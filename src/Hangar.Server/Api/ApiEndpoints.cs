using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Api;

/// <summary>
/// The REST API, <c>/api/v1/...</c>, behind bearer tokens: each route declares its scope where it is mapped
/// (<see cref="Access.RouteAccess"/>), and <see cref="ApiAccessMiddleware"/> enforces it. Every list is paged: <c>limit</c> (1 to
/// <see cref="PageRequest.MaxLimit"/>, default <see cref="PageRequest.DefaultLimit"/>) and an opaque <c>cursor</c>
/// taken from the previous page; a page never loads more rows than it returns (plus one).
/// </summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapHangarApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1");
        PoolEndpoints.Map(api);
        RunnerEndpoints.Map(api);
        RunnerLogEndpoints.Map(api);
        ExecEndpoints.Map(api);
        JobEndpoints.Map(api);
        IntakeEndpoints.Map(api);
        FlavorEndpoints.Map(api);
        TokenEndpoints.Map(api);
        RunnerWriteEndpoints.Map(api);
        PoolWriteEndpoints.Map(api);
        JobWriteEndpoints.Map(api);
        return routes;
    }
}
