using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hangar.Engine;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Api;

/// <summary>
/// Streams one flavor's pressure: the current value first, then a line on every change, and after
/// <c>server.pressure_heartbeat</c> of silence a heartbeat. NDJSON: each line is <c>{"FLAVOR": N}</c>, and the heartbeat
/// is the current value again, so a client needs no special case. Server-Sent Events: each change is an event
/// <c>pressure</c> with that JSON as data and the change's sequence as id; the heartbeat is a comment. Pressure is a level,
/// not a log: a client that reconnects gets the current value first and has missed nothing it needs.
/// </summary>
internal sealed class PressureStream(PressureBoard board, PressureStreamSettings settings, TimeProvider time, ILogger<PressureStream> logger)
{
    private static readonly byte[] SseHeartbeat = ": heartbeat\n\n"u8.ToArray();

    public async Task WriteAsync(HttpContext context, string flavor, bool sse)
    {
        var ct = context.RequestAborted;
        var response = context.Response;
        response.ContentType = sse ? "text/event-stream" : "application/x-ndjson";
        response.Headers.CacheControl = "no-cache";
        // Proxies that buffer (nginx) would hold the lines back until the stream ends.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        ApiLog.PressureStreamOpened(logger, flavor, sse ? "sse" : "ndjson", context.Features.Get<ApiCaller>()?.TokenId ?? "");

        using var watch = board.Watch();
        long lines = 0;
        try
        {
            await response.StartAsync(ct).ConfigureAwait(false);
            if (sse)
            {
                await response.Body.WriteAsync("retry: 2000\n\n"u8.ToArray(), ct).ConfigureAwait(false);
            }

            var snapshot = await board.NextAsync(0, ct).ConfigureAwait(false);
            int? sent = null;
            while (true)
            {
                var value = snapshot.Values.GetValueOrDefault(flavor);
                if (value != sent)
                {
                    await response.Body.WriteAsync(Line(flavor, value, sse ? snapshot.Version : null), ct).ConfigureAwait(false);
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                    sent = value;
                    lines++;
                }

                var next = board.NextAsync(snapshot.Version, ct);
                while (!next.IsCompleted)
                {
                    try
                    {
                        // The same wait each time (no new one per heartbeat), so an idle stream holds one pending task.
                        await next.WaitAsync(settings.Heartbeat, time, ct).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        await response.Body.WriteAsync(sse ? SseHeartbeat : Line(flavor, value, null), ct).ConfigureAwait(false);
                        await response.Body.FlushAsync(ct).ConfigureAwait(false);
                        lines++;
                    }
                }

                snapshot = await next.ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client went away (or the server is stopping): nothing to answer.
        }
        finally
        {
            ApiLog.PressureStreamClosed(logger, flavor, lines);
        }
    }

    private static byte[] Line(string flavor, int value, long? eventId)
    {
        var json = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteNumber(flavor, value);
            writer.WriteEndObject();
        }

        if (eventId is not { } id)
        {
            return [.. json.WrittenSpan, (byte)'\n'];
        }

        var head = Encoding.ASCII.GetBytes($"event: pressure\nid: {id.ToString(CultureInfo.InvariantCulture)}\ndata: ");
        return [.. head, .. json.WrittenSpan, (byte)'\n', (byte)'\n'];
    }
}
