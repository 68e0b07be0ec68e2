using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Server.Tests.Webhooks;

/// <summary>Forged deliveries against the real server: the log gets a warning a minute, not one per request.</summary>
public sealed class WebhookRejectionFloodTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLoggerProvider _logs = new();
    private ServerFixture _server = null!;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync(configureServices: services =>
    {
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ILoggerProvider>(_logs);
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private IReadOnlyList<RecordingLoggerProvider.LogEntry> Warnings => _logs.WithEvent("WebhookRejected");

    [Fact]
    public async Task Post_FloodOfForgedDeliveries_OneWarningPerForgeAndStatusThenOneCountingTheSuppressed()
    {
        for (var i = 0; i < 30; i++)
        {
            using var forged = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(i, "queued"), signWith: "guessed-secret", path: "/webhooks/github/github");
            forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            using var unknown = await _server.PostWebhookAsync("{}", signWith: null, path: $"/webhooks/made-up-{i}");
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        Warnings.Select(w => (w.State["Forge"], w.State["Status"])).ShouldBe([("github", (object?)401), ("made-up-0", 404)], ignoreOrder: true);

        _time.Advance(TimeSpan.FromMinutes(1));
        using var late = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(99, "queued"), signWith: "guessed-secret", path: "/webhooks/github/github");

        late.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Warnings.Count.ShouldBe(3);
        Warnings[^1].State["Suppressed"].ShouldBe(29);
    }
}
