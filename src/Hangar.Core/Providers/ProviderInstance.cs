namespace Hangar.Core.Providers;

/// <summary>An instance as the provider sees it.</summary>
public sealed record ProviderInstance(string Name, string ProviderId, string Pool, ProviderInstanceStatus Status);
