using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Hangar.Server.Api.Access;

namespace Hangar.Server.Instances;

/// <summary>
/// What provider-built machines call, under <c>/api/v1/instances/{name}</c>, each authenticated by the instance token
/// of <c>{name}</c> (<see cref="InstanceTokenFilter"/>): <c>metadata/...</c> (GETs: the runner's credential, install
/// script, metadata) and <c>callbacks/...</c> (POSTs: status, system info). These two bases are what a GARM provider
/// receives as <c>metadata-url</c> and <c>callback-url</c>; paths answer with and without a trailing slash
/// (routing matches both).
/// </summary>
internal static class InstanceEndpoints
{
    public const string Prefix = "/api/v1/instances/{name}";

    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix).AddEndpointFilter<InstanceTokenFilter>()
            .AllowWithoutApiToken("instance routes: each call carries its instance's own token, checked by InstanceTokenFilter");
        InstanceMetadataEndpoints.Map(group.MapGroup("/metadata"));
        InstanceCallbackEndpoints.Map(group.MapGroup("/callbacks"));
        return routes;
    }
}
