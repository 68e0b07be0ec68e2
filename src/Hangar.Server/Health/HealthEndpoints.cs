using Hangar.Core.Storage;
using Hangar.Engine.Reconcile;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Health;

internal static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        // Liveness: the process answers. Readiness: the store answers and startup recovery is done (the host only
        // starts serving after hosted services started, and recovery runs first).
        routes.MapGet("/healthz", () => TypedResults.Text("ok")).AllowWithoutApiToken("liveness probe: says only that the process answers");
        routes.MapGet("/readyz", async (IStore store, ReconcileLoops loops, TimeProvider time, CancellationToken ct) =>
        {
            // A read, never a write: a probe queued behind a long or blocked write would report the server unready
            // exactly while it serves (and get it restarted by an orchestrator). The store's probe has a short limit of
            // its own; this one bounds a probe that hangs below it.
            try
            {
                await store.ProbeAsync(ct).WaitAsync(ProbeTimeout, time, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store unavailable", detail: ex.GetType().Name);
            }

            return loops.Passes(LoopNames.Converge) > 0
                ? Results.Text("ready")
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Starting", detail: "first converge pass not finished");
        }).AllowWithoutApiToken("readiness probe: says only whether the store answers");
        return routes;
    }
}
