using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.Gitea;

/// <summary>
/// Sends Gitea's <c>workflow_job</c> webhooks (Gitea flavor only) as Gitea does: <c>X-Gitea-Signature</c> (plain hex
/// HMAC-SHA256) beside the GitHub-named headers, a new <c>X-Gitea-Delivery</c> for every delivery, and no retry of a
/// failed one. Drops and duplicates are injected from the faults.
/// </summary>
internal sealed class GiteaWebhookSender(GiteaEmulatorState state, ILogger logger) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private readonly GiteaFaultDraw _faults = new(state.Options.Faults);
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        await foreach (var (action, job) in state.Changes.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var options = state.Options;
            if (state.Flavor != GiteaFlavor.Gitea || state.WebhookUrl is not { } url)
            {
                continue;
            }

            var copies = _faults.WebhookCopies();
            if (copies == 0)
            {
                GiteaEmulatorLog.WebhookDropped(logger, job.Id, action);
                continue;
            }

            var body = Encoding.UTF8.GetBytes(Payload(action, job, state.Options.TimeProvider.GetUtcNow()).ToJsonString());
            for (var i = 0; i < copies; i++)
            {
                await SendAsync(url, action, job, body, options.WebhookSecret, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(Uri url, string action, GiteaJobSnapshot job, byte[] body, string? secret, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var delivery = Guid.NewGuid().ToString();
        // Without a secret Gitea still sends the headers, with empty digests.
        var hex = secret is { Length: > 0 } ? Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)) : "";
        foreach (var (name, value) in new[]
        {
            ("X-Gitea-Event", "workflow_job"), ("X-Gitea-Event-Type", "workflow_job"), ("X-Gitea-Delivery", delivery),
            ("X-Gitea-Signature", hex), ("X-Gitea-Hook-Installation-Target-Type", "repository"),
            ("X-GitHub-Event", "workflow_job"), ("X-GitHub-Delivery", delivery), ("X-Hub-Signature-256", "sha256=" + hex),
        })
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                GiteaEmulatorLog.WebhookFailed(logger, job.Id, action, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            GiteaEmulatorLog.WebhookFailed(logger, job.Id, action, ex.GetType().Name);
        }
    }

    private static JsonObject Payload(string action, GiteaJobSnapshot job, DateTimeOffset now) => new()
    {
        ["action"] = action,
        ["workflow_job"] = GiteaJson.WorkflowJob(job, now),
        ["repository"] = new JsonObject
        {
            ["id"] = job.RepositoryId,
            ["full_name"] = job.Repository,
            ["url"] = $"http://gitea.invalid/api/v1/repos/{job.Repository}",
            ["owner"] = new JsonObject { ["login"] = job.Repository[..job.Repository.IndexOf('/', StringComparison.Ordinal)] },
        },
        ["sender"] = new JsonObject { ["login"] = "emulator" },
    };
}
