using System.Globalization;
using System.Text;
using System.Text.Json;
using Hangar.Core.Access;
using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hangar.Server.Api;

/// <summary>
/// <c>/runners/{name}/logs</c>: the runner's boot log, what it printed from boot on as its agent streamed it. Plain: the
/// newest <c>tail</c> lines (default 100) after line <c>after</c>, as JSON. <c>follow=true</c> (or
/// <c>Accept: text/event-stream</c>): Server-Sent Events, each line an event <c>line</c> whose id is its number (a client
/// that reconnects with <c>Last-Event-ID</c> misses nothing still kept), a heartbeat comment when quiet, and an event
/// <c>end</c> once the runner is deleted. Lines live in the store, so any replica serves them.
/// </summary>
internal static class RunnerLogEndpoints
{
    private const int DefaultTail = 100;
    private const int MaxTail = 10_000;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/runners/{name}/logs", GetAsync).RequireScope(ApiScope.Read);

    private static async Task<Results<Ok<BootLogView>, ProblemHttpResult, EmptyHttpResult>> GetAsync(
        HttpContext context, string name, IStore store, string? tail, string? after, bool? follow, CancellationToken ct)
    {
        if (!TryNumber(tail, DefaultTail, 1, MaxTail, out var limit) || !TryNumber(after, 0, 0, long.MaxValue, out var afterSeq))
        {
            return ApiProblems.BadQuery($"tail must be 1 to {MaxTail} and after a line number (0 or more)");
        }

        if (await store.GetInstanceAsync(name, ct).ConfigureAwait(false) is null)
        {
            return ApiProblems.NotFound($"no runner named '{name}'");
        }

        var sse = follow == true || context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));
        if (!sse)
        {
            var lines = await store.ListBootLogAsync(name, afterSeq, (int)limit, ct).ConfigureAwait(false);
            return TypedResults.Ok(new BootLogView(name, [.. lines.Select(ToView)]));
        }

        if (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var lastId))
        {
            afterSeq = lastId;
        }

        await FollowAsync(context, name, store, afterSeq, (int)limit).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static async Task FollowAsync(HttpContext context, string name, IStore store, long afterSeq, int limit)
    {
        var ct = context.RequestAborted;
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.StartAsync(ct).ConfigureAwait(false);
            await response.WriteAsync("retry: 2000\n\n", ct).ConfigureAwait(false);
            using var timer = new PeriodicTimer(Poll, time);
            var quietSince = time.GetUtcNow();
            while (true)
            {
                // Read the state first: lines written before the move to deleted are all read below.
                var gone = (await store.GetInstanceAsync(name, ct).ConfigureAwait(false))?.State is null or InstanceState.Deleted;
                var lines = await store.ListBootLogAsync(name, afterSeq, limit, ct).ConfigureAwait(false);
                foreach (var line in lines)
                {
                    var data = JsonSerializer.Serialize(ToView(line), json);
                    await response.WriteAsync($"event: line\nid: {line.Seq.ToString(CultureInfo.InvariantCulture)}\ndata: {data}\n\n", Encoding.UTF8, ct).ConfigureAwait(false);
                    afterSeq = line.Seq;
                }

                if (gone)
                {
                    await response.WriteAsync("event: end\ndata: {}\n\n", ct).ConfigureAwait(false);
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                    return;
                }

                if (lines.Count > 0)
                {
                    quietSince = time.GetUtcNow();
                }
                else if (time.GetUtcNow() - quietSince >= Heartbeat)
                {
                    await response.WriteAsync(": heartbeat\n\n", ct).ConfigureAwait(false);
                    quietSince = time.GetUtcNow();
                }

                await response.Body.FlushAsync(ct).ConfigureAwait(false);
                await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client went away (or the server is stopping).
        }
    }

    private static BootLogLineView ToView(BootLogLine line) =>
        new(line.Seq, line.At, line.Stream == BootLogStream.Stderr ? "stderr" : "stdout", line.Line);

    private static bool TryNumber(string? text, long fallback, long min, long max, out long value)
    {
        value = fallback;
        return text is null || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}
