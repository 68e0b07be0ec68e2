namespace Hangar.Providers.External;

/// <summary>
/// A provider command failed: non-zero exit, a kill at the timeout, or output that breaks the contract. An
/// <see cref="InvalidOperationException"/>, as every provider's failed operation is, so callers need not know the provider.
/// </summary>
internal sealed class ExternalProviderException(string message) : InvalidOperationException(message);
