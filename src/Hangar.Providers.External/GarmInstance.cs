using System.Text.Json.Serialization;

namespace Hangar.Providers.External;

/// <summary>A provider's <c>ProviderInstance</c> on stdout (Create, Get, each List element). Unknown keys are ignored.</summary>
internal sealed record GarmInstance
{
    [JsonPropertyName("provider_id")] public string? ProviderId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("os_type")] public string? OsType { get; init; }
    [JsonPropertyName("os_name")] public string? OsName { get; init; }
    [JsonPropertyName("os_version")] public string? OsVersion { get; init; }
    [JsonPropertyName("os_arch")] public string? OsArch { get; init; }

    /// <summary>Base64 (a Go byte slice): plain text fails to decode, and GARM then rejects the whole result.</summary>
    [JsonPropertyName("provider_fault")] public string? ProviderFault { get; init; }
}
