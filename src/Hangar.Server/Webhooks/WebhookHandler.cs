using System.Collections.Frozen;
using Hangar.Core.Demand;
using Hangar.Core.Storage;
using Hangar.Forges.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Webhooks;

/// <summary>
/// A webhook, whatever its forge. Order of checks: forge (404), size (413), signature (401), which forge among those
/// sharing a secret (400), then what the reader made of it: malformed (400), ping or ignored (200), or a job event,
/// submitted to the demand seam and answered 202 only once stored. The reader is picked by the configured forge's type;
/// nothing is parsed before a signature verifies.
/// </summary>
internal sealed class WebhookHandler(
    WebhookSettings settings, IEnumerable<IWebhookReader> readers, IJobEventSink sink, TimeProvider time, ILogger<WebhookHandler> logger)
{
    /// <summary>How much of a path's unknown forge name a warning repeats.</summary>
    private const int MaxLoggedName = 64;

    private readonly FrozenDictionary<string, IWebhookReader> _readers = ByType(readers);
    private readonly WebhookRejectionLog _rejections = new(time, logger);

    /// <summary>A delivery to the forge named in the path.</summary>
    public Task<IResult> HandleAsync(HttpRequest request, string forgeName, CancellationToken ct) =>
        settings.Find(forgeName) is { } forge
            ? HandleAsync(request, forge.Type, [forge], forge.Name, ct)
            : Task.FromResult<IResult>(Reject(null, StatusCodes.Status404NotFound, "no such forge", null, logAs: Shortened(forgeName)));

    /// <summary>A delivery to a path that names only a forge type: it is for the one of those forges whose secret
    /// verifies it (see <see cref="WebhookRoute.Among"/>).</summary>
    public Task<IResult> HandleForTypeAsync(HttpRequest request, string forgeType, CancellationToken ct) =>
        HandleAsync(request, forgeType, settings.OfType(forgeType), null, ct);

    /// <param name="pathForge">The forge the path names; null when it names only the type.</param>
    private async Task<IResult> HandleAsync(HttpRequest request, string forgeType, IReadOnlyList<WebhookForge> candidates, string? pathForge, CancellationToken ct)
    {
        if (!_readers.TryGetValue(forgeType, out var reader))
        {
            return Reject(pathForge, StatusCodes.Status404NotFound, $"forges of type {forgeType} take no webhooks", null);
        }

        var delivery = new WebhookDelivery(ReadOnlyMemory<byte>.Empty, Header(request));
        var deliveryId = reader.DeliveryId(delivery);
        if (candidates.Count == 0)
        {
            return Reject(pathForge, StatusCodes.Status404NotFound, "no such forge", deliveryId);
        }

        if (request.ContentLength > settings.MaxBodyBytes
            || await WebhookBody.ReadAsync(request, settings.MaxBodyBytes, ct).ConfigureAwait(false) is not { } body)
        {
            return Reject(pathForge, StatusCodes.Status413PayloadTooLarge, "body too large", deliveryId);
        }

        using (body)
        {
            return await HandleBodyAsync(delivery with { Body = body.Memory }, reader, candidates, pathForge, deliveryId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A body within the limit: signature, forge, what the reader made of it (the body's buffer is returned
    /// to the pool when this ends, so nothing here may keep a slice of it).</summary>
    private async Task<IResult> HandleBodyAsync(
        WebhookDelivery delivery, IWebhookReader reader, IReadOnlyList<WebhookForge> candidates, string? pathForge, string? deliveryId, CancellationToken ct)
    {
        var signedBy = candidates.Where(f => f.Secret is not null && reader.IsSigned(delivery, f.Secret)).ToList();
        if (signedBy.Count == 0)
        {
            var reason = pathForge is null ? "bad or missing signature (no forge's secret verifies it)"
                : candidates[0].Secret is null ? "no webhook secret configured"
                : "bad or missing signature";
            return Reject(pathForge, StatusCodes.Status401Unauthorized, reason, deliveryId);
        }

        var message = reader.Read(delivery, signedBy[0].Name);
        var route = WebhookRoute.Among(signedBy, message.Origin);
        if (route.Forge is not { } forge)
        {
            return Reject(pathForge, StatusCodes.Status400BadRequest,
                "several forges verify this delivery and its payload does not tell them apart; post to /webhooks/{forge}", deliveryId,
                logAs: string.Join(",", route.AmbiguousBetween));
        }

        message = forge == signedBy[0] ? message : message.ForForge(forge.Name);
        if (!message.IsJob)
        {
            return Answer(forge, message, deliveryId);
        }

        var outcome = await sink.SubmitAsync(message.Event, ct).ConfigureAwait(false);
        WebhookLog.Accepted(logger, forge.Name, message.EventName, deliveryId, outcome.ToString());
        return StoredEventReply.For(outcome);
    }

    /// <summary>A delivery that stores nothing: a malformed one is refused, a ping or an ignored event acknowledged.</summary>
    private IResult Answer(WebhookForge forge, WebhookMessage message, string? deliveryId)
    {
        if (message.Kind == WebhookMessageKind.Malformed)
        {
            return Reject(forge.Name, StatusCodes.Status400BadRequest, message.Reason ?? "malformed payload", deliveryId);
        }

        var ping = message.Kind == WebhookMessageKind.Ping;
        WebhookLog.Accepted(logger, forge.Name, message.EventName, deliveryId, ping ? "pong" : "ignored");
        return TypedResults.Ok(new WebhookReply(ping ? "pong" : message.Reason ?? "ignored"));
    }

    private static FrozenDictionary<string, IWebhookReader> ByType(IEnumerable<IWebhookReader> readers)
    {
        var byType = new Dictionary<string, IWebhookReader>(StringComparer.Ordinal);
        foreach (var reader in readers)
        {
            if (!byType.TryAdd(reader.ForgeType, reader))
            {
                throw new InvalidOperationException($"two webhook readers for forge type {reader.ForgeType}: {byType[reader.ForgeType].GetType().Name} and {reader.GetType().Name}");
            }
        }

        return byType.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Shortened(string name) => name.Length > MaxLoggedName ? name[..MaxLoggedName] + "…" : name;

    private static Func<string, string?> Header(HttpRequest request) =>
        name => request.Headers[name].ToString() is { Length: > 0 } value ? value : null;

    /// <param name="forge">The configured forge the delivery was for; null when the path named none that exists.</param>
    private ProblemHttpResult Reject(string? forge, int status, string reason, string? deliveryId, string? logAs = null)
    {
        _rejections.Rejected(forge, status, reason, deliveryId, logAs);
        return TypedResults.Problem(statusCode: status, title: ReasonTitle(status), detail: reason);
    }

    private static string ReasonTitle(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Webhook signature rejected",
        StatusCodes.Status413PayloadTooLarge => "Webhook body too large",
        StatusCodes.Status404NotFound => "Unknown forge",
        _ => "Malformed webhook",
    };
}
