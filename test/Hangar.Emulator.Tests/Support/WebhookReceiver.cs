using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.Tests.Support;

/// <summary>A real Kestrel endpoint on loopback that records every webhook it gets.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The status the next deliveries get answered with.</summary>
    public int Status { get; set; } = StatusCodes.Status202Accepted;

    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var status = receiver!.Status;
            receiver._received.Writer.TryWrite(new ReceivedWebhook(headers, buffer.ToArray()) { });
            context.Response.StatusCode = status;
        });
        await app.StartAsync(TestTimeouts.Token()).WaitAsync(TestTimeouts.Default);
        receiver = new WebhookReceiver(app, new Uri(new Uri(app.Urls.First()), "/hook"));
        return receiver;
    }

    public async Task<ReceivedWebhook> NextAsync() =>
        await _received.Reader.ReadAsync(TestTimeouts.Token()).AsTask().WaitAsync(TestTimeouts.Default);

    /// <summary>Reads deliveries until <paramref name="count"/> arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> TakeAsync(int count)
    {
        var list = new List<ReceivedWebhook>();
        while (list.Count < count)
        {
            list.Add(await NextAsync());
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TestTimeouts.Token()).WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync();
    }
}
