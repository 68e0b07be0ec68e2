namespace Hangar.Server.Webhooks;

internal sealed record WebhookReply(string Status);
