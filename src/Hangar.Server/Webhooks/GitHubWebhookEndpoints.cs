using System.Buffers;
using Hangar.Core.Demand;
using Hangar.Core.Storage;
using Hangar.Forges.GitHub.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Webhooks;

/// <summary>
/// <c>POST /webhooks/github[/{forge}]</c>. Order of checks: size (413), signature (401), hook target headers, event, body
/// (400). Nothing is stored unless the signature is valid, and a <c>workflow_job</c> is answered 202 only after it is stored.
/// The bare path serves several forges at once: the forge is the one whose secret verifies the delivery (see
/// <see cref="WebhookSettings.Route"/>).
/// </summary>
internal static class GitHubWebhookEndpoints
{
    public static IEndpointRouteBuilder MapGitHubWebhooks(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/webhooks/github", (HttpContext http, WebhookSettings settings, IJobEventSink sink, ILoggerFactory loggers, CancellationToken ct)
            => HandleAsync(http, null, settings, sink, loggers, ct));
        routes.MapPost("/webhooks/github/{forge}", (string forge, HttpContext http, WebhookSettings settings, IJobEventSink sink, ILoggerFactory loggers, CancellationToken ct)
            => HandleAsync(http, forge, settings, sink, loggers, ct));
        return routes;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, string? forgeName, WebhookSettings settings, IJobEventSink sink, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Hangar.Server.Webhooks");
        var delivery = http.Request.Headers["X-GitHub-Delivery"].ToString() is { Length: > 0 } d ? d : null;
        if (forgeName is not null ? settings.Find(forgeName) is null : settings.IsEmpty)
        {
            return Reject(logger, forgeName ?? "?", StatusCodes.Status404NotFound, "no such forge", delivery);
        }

        if (http.Request.ContentLength > settings.MaxBodyBytes)
        {
            return Reject(logger, forgeName ?? "?", StatusCodes.Status413PayloadTooLarge, "body too large", delivery);
        }

        var body = await ReadBodyAsync(http.Request, settings.MaxBodyBytes, ct).ConfigureAwait(false);
        if (body is null)
        {
            return Reject(logger, forgeName ?? "?", StatusCodes.Status413PayloadTooLarge, "body too large", delivery);
        }

        var signature = http.Request.Headers["X-Hub-Signature-256"].ToString();
        WebhookForge forge;
        if (forgeName is not null)
        {
            forge = settings.Find(forgeName)!;
            if (forge.Secret is null || !GitHubWebhookSignature.IsValid(body, signature, forge.Secret))
            {
                return Reject(logger, forge.Name, StatusCodes.Status401Unauthorized, forge.Secret is null ? "no webhook secret configured" : "bad or missing signature", delivery);
            }
        }
        else
        {
            var route = settings.Route(body, signature);
            if (route.Forge is null)
            {
                return route.AmbiguousBetween.Count == 0
                    ? Reject(logger, "?", StatusCodes.Status401Unauthorized, "bad or missing signature (no forge's secret verifies it)", delivery)
                    : Reject(logger, string.Join(",", route.AmbiguousBetween), StatusCodes.Status400BadRequest,
                        "several forges verify this delivery and its payload does not tell them apart; post to /webhooks/github/{forge}", delivery);
            }

            forge = route.Forge;
        }

        var hookType = http.Request.Headers[HookTarget.TypeHeader].ToString();
        if (HookTarget.Contradiction(hookType, http.Request.Headers[HookTarget.IdHeader].ToString(), WebhookPayloadFacts.Read(body)) is { } contradiction)
        {
            return Reject(logger, forge.Name, StatusCodes.Status400BadRequest, contradiction, delivery);
        }

        var eventName = http.Request.Headers["X-GitHub-Event"].ToString();
        if (eventName == "ping")
        {
            ServerLog.WebhookAccepted(logger, forge.Name, eventName, delivery, "pong");
            return TypedResults.Ok(new WebhookReply("pong"));
        }

        if (eventName != "workflow_job")
        {
            ServerLog.WebhookAccepted(logger, forge.Name, eventName, delivery, "ignored");
            return TypedResults.Ok(new WebhookReply($"event '{eventName}' ignored"));
        }

        var parsed = GitHubWebhookParser.ParseWorkflowJob(forge.Name, body, delivery);
        if (parsed.Kind == WebhookParseKind.Malformed)
        {
            return Reject(logger, forge.Name, StatusCodes.Status400BadRequest, parsed.Reason ?? "malformed payload", delivery);
        }

        if (parsed.Event is not { } jobEvent)
        {
            ServerLog.WebhookAccepted(logger, forge.Name, eventName, delivery, "ignored");
            return TypedResults.Ok(new WebhookReply(parsed.Reason ?? "ignored"));
        }

        var outcome = await sink.SubmitAsync(jobEvent, ct).ConfigureAwait(false);
        ServerLog.WebhookAccepted(logger, forge.Name, eventName, delivery, outcome.ToString());
        return outcome == JobEventOutcome.Duplicate
            ? TypedResults.Ok(new WebhookReply("duplicate delivery"))
            : TypedResults.Accepted((string?)null, new WebhookReply(outcome.ToString().ToLowerInvariant()));
    }

    private static ProblemHttpResult Reject(ILogger logger, string forge, int status, string reason, string? delivery)
    {
        ServerLog.WebhookRejected(logger, forge, status, reason, delivery);
        return TypedResults.Problem(statusCode: status, title: ReasonTitle(status), detail: reason);
    }

    private static string ReasonTitle(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Webhook signature rejected",
        StatusCodes.Status413PayloadTooLarge => "Webhook body too large",
        StatusCodes.Status404NotFound => "Unknown forge",
        _ => "Malformed webhook",
    };

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer (a missing or lying Content-Length).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)Math.Min(length, limit) : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, ct).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
