using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Webhooks;

/// <summary>
/// <c>POST /webhooks/{forge}</c> for every forge, whatever its type. Kept from before forges had types:
/// <c>/webhooks/github/{forge}</c> (the same as <c>/webhooks/{forge}</c>) and the bare <c>/webhooks/github</c>, which
/// serves every forge of type <c>github</c> at once (the forge is the one whose secret verifies the delivery). A literal
/// segment wins over a parameter, so a forge named <c>github</c> is reached at <c>/webhooks/github/github</c> or through
/// the bare path.
/// </summary>
internal static class WebhookEndpoints
{
    /// <summary>The forge type the bare path serves, as its name says.</summary>
    private const string BarePathType = "github";

    /// <summary>Webhooks carry no API token: each delivery is verified by the forge's HMAC signature instead.</summary>
    private const string SignedByTheForge = "webhook: the forge's HMAC signature is checked instead";

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        // Resolved now, so a composition mistake (two readers for one forge type) stops the start, not the first delivery.
        var handler = routes.ServiceProvider.GetRequiredService<WebhookHandler>();
        routes.MapPost("/webhooks/{forge}", (string forge, HttpRequest request, CancellationToken ct) => handler.HandleAsync(request, forge, ct))
            .AllowWithoutApiToken(SignedByTheForge);
        routes.MapPost("/webhooks/github", (HttpRequest request, CancellationToken ct) => handler.HandleForTypeAsync(request, BarePathType, ct))
            .AllowWithoutApiToken(SignedByTheForge);
        routes.MapPost("/webhooks/github/{forge}", (string forge, HttpRequest request, CancellationToken ct) => handler.HandleAsync(request, forge, ct))
            .AllowWithoutApiToken(SignedByTheForge);
        return routes;
    }
}
