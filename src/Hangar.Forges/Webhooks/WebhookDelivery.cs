namespace Hangar.Forges.Webhooks;

/// <summary>A webhook as it arrived: the raw body (within the server's size limit) and its headers.</summary>
/// <param name="Header">A header's value, or null when absent or empty (several values come joined by commas).</param>
public sealed record WebhookDelivery(ReadOnlyMemory<byte> Body, Func<string, string?> Header);
