namespace Hangar.Providers.External;

/// <summary>A provider command failed: non-zero exit, a kill at the timeout, or output that breaks the contract.</summary>
public sealed class ExternalProviderException(string message) : Exception(message);
