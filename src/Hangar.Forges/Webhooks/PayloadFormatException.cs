namespace Hangar.Forges.Webhooks;

/// <summary>Raised inside a webhook reader for a payload of the wrong shape; never escapes the reader.</summary>
internal sealed class PayloadFormatException(string message) : Exception(message);
