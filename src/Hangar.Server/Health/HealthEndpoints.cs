using Hangar.Core.Storage;
using Hangar.Engine.Reconcile;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        // Liveness: the process answers. Readiness: the store answers and startup recovery is done (the host only
        // starts serving after hosted services started, and recovery runs first).
        routes.MapGet("/healthz", () => TypedResults.Text("ok"));
        routes.MapGet("/readyz", async (IStore store, ReconcileLoops loops, CancellationToken ct) =>
        {
            try
            {
                await store.GetOrAddSettingAsync("readyz-probe", "1", ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store unavailable", detail: ex.GetType().Name);
            }

            return loops.Passes(LoopNames.Converge) > 0
                ? Results.Text("ready")
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Starting", detail: "first converge pass not finished");
        });
        return routes;
    }
}
