namespace Hangar.Providers.External;

/// <summary>A provider command failed: non-zero exit, a kill at the timeout, or output that breaks the contract.</summary>
internal sealed class ExternalProviderException(string message) : Exception(message);
