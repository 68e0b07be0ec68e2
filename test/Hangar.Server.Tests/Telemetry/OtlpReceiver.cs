using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.Telemetry;

/// <summary>
/// A real OTLP/HTTP trace endpoint on loopback: <c>POST /v1/traces</c> with an <c>ExportTraceServiceRequest</c> in
/// protobuf, decoded by field number (opentelemetry-proto's trace.proto) so the test needs no generated code.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<string> _headers = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint => new(_app.Urls.First());

    public IReadOnlyCollection<OtlpSpan> Spans => _spans.ToArray();

    /// <summary>The <c>x-api-key</c> header of every export received.</summary>
    public IReadOnlyCollection<string> ApiKeys => _headers.ToArray();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._headers.Enqueue(request.Headers["x-api-key"].ToString());
            foreach (var span in Decode(body.ToArray()))
            {
                receiver._spans.Enqueue(span);
            }

            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IEnumerable<OtlpSpan> Decode(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Fields(request, 1))
        {
            var service = Fields(resourceSpans, 1).SelectMany(r => Attributes(r, 1)).FirstOrDefault(a => a.Key == "service.name").Value ?? "";
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2))
                {
                    spans.Add(new OtlpSpan(
                        service,
                        Hex(Fields(span, 1).FirstOrDefault()),
                        Hex(Fields(span, 2).FirstOrDefault()),
                        Hex(Fields(span, 4).FirstOrDefault()),
                        System.Text.Encoding.UTF8.GetString(Fields(span, 5).FirstOrDefault() ?? []),
                        (int)Varint(span, 6),
                        Attributes(span, 9).ToDictionary(a => a.Key, a => a.Value)));
                }
            }
        }

        return spans;
    }

    /// <summary>KeyValue{1: key, 2: AnyValue{1: string, 2: bool, 3: int, 4: double}}, rendered as text.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Attributes(byte[] message, int field) =>
        Fields(message, field).Select(kv =>
        {
            var key = System.Text.Encoding.UTF8.GetString(Fields(kv, 1).FirstOrDefault() ?? []);
            var any = Fields(kv, 2).FirstOrDefault() ?? [];
            var text = Fields(any, 1).FirstOrDefault() is { } s ? System.Text.Encoding.UTF8.GetString(s)
                : Varint(any, 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return KeyValuePair.Create(key, text);
        });

    /// <summary>Every length-delimited occurrence of <paramref name="field"/> in a message.</summary>
    private static List<byte[]> Fields(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    private static long Varint(byte[] message, int field)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                return input.ReadInt64();
            }

            input.SkipLastField();
        }

        return 0;
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexStringLower(bytes);
}
