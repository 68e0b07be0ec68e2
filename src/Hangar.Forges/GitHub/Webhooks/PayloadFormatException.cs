namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>Raised inside the parser for a payload of the wrong shape; never escapes it.</summary>
internal sealed class PayloadFormatException(string message) : Exception(message);
