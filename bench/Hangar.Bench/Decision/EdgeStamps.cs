using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Hangar.Bench.Decision;

/// <summary>
/// Timestamps each webhook as it reaches the server (first middleware, before routing and the body read): the start of
/// "decision latency". Deliveries the bench sends itself (ids starting with <c>bench-</c>) are not stamped.
/// </summary>
internal sealed class EdgeStamps : IStartupFilter
{
    public ConcurrentQueue<long> Received { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            if (context.Request.Path.StartsWithSegments("/webhooks")
                && !context.Request.Headers["X-GitHub-Delivery"].ToString().StartsWith("bench-", StringComparison.Ordinal))
            {
                Received.Enqueue(Stopwatch.GetTimestamp());
            }

            await inner(context).ConfigureAwait(false);
        });
        next(app);
    };
}
