using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hangar.Providers.External;

/// <summary><c>CreateInstance</c>'s stdin, spelled exactly as garm-provider-common's <c>BootstrapInstance</c> (mixed hyphens and underscores).</summary>
internal sealed record BootstrapInstance
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("tools")] public IReadOnlyList<JsonObject> Tools { get; init; } = [];
    [JsonPropertyName("repo_url")] public string RepoUrl { get; init; } = "";
    [JsonPropertyName("callback-url")] public required string CallbackUrl { get; init; }
    [JsonPropertyName("metadata-url")] public required string MetadataUrl { get; init; }
    [JsonPropertyName("instance-token")] public required string InstanceToken { get; init; }
    [JsonPropertyName("ssh-keys")] public IReadOnlyList<string> SshKeys { get; init; } = [];
    [JsonPropertyName("extra_specs")] public required JsonObject ExtraSpecs { get; init; }
    [JsonPropertyName("github-runner-group")] public string RunnerGroup { get; init; } = "";
    [JsonPropertyName("ca-cert-bundle")] public string? CaCertBundle { get; init; }
    [JsonPropertyName("arch")] public required string Arch { get; init; }
    [JsonPropertyName("os_type")] public required string OsType { get; init; }
    [JsonPropertyName("flavor")] public string Flavor { get; init; } = "";
    [JsonPropertyName("image")] public string Image { get; init; } = "";
    [JsonPropertyName("labels")] public IReadOnlyList<string> Labels { get; init; } = [];
    [JsonPropertyName("pool_id")] public required string PoolId { get; init; }
    [JsonPropertyName("user_data_options")] public JsonObject UserDataOptions { get; init; } = new()
    {
        ["disable_updates_on_boot"] = false,
        ["extra_packages"] = new JsonArray(),
        ["enable_boot_debug"] = false,
    };
    [JsonPropertyName("jit_config_enabled")] public bool JitConfigEnabled { get; init; } = true;
    [JsonPropertyName("proxy_config")] public JsonObject ProxyConfig { get; init; } = new()
    {
        ["http_proxy"] = "",
        ["https_proxy"] = "",
        ["no_proxy"] = "",
    };
}
