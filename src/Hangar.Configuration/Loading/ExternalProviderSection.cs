using System.Text.Json.Nodes;
using Hangar.Providers.External;

namespace Hangar.Configuration.Loading;

/// <summary>
/// An external (GARM) provider's settings: the executable and its own config file (both must exist, as GARM's provider
/// library refuses to run otherwise), the environment prefixes it may see, the interface version, the timeout, and the
/// base URL its machines call Hangar back on.
/// </summary>
internal static class ExternalProviderSection
{
    public static readonly string[] Keys = ["executable", "config_file", "environment", "interface_version", "exec_timeout", "callback_url", "os_type", "arch", "flavor", "extra_specs"];

    public static ProviderConfig? Read(MappingReader provider, string name)
    {
        var executable = provider.FilePath("executable", required: true);
        var configFile = provider.FilePath("config_file", required: true);
        var callback = provider.Url("callback_url", "http", "https");
        if (callback is null && !provider.IsPresent("callback_url"))
        {
            provider.Missing("callback_url", "an external provider's machines fetch their credential from Hangar and need its address");
        }

        if (executable is not null && !File.Exists(executable))
        {
            provider.Context.Error(provider.Node("executable")!.Start, $"{provider.At("executable")}: {executable} does not exist");
        }
        else if (executable is not null && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(executable) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            provider.Context.Error(provider.Node("executable")!.Start, $"{provider.At("executable")}: {executable} is not executable");
        }

        if (configFile is not null && !File.Exists(configFile))
        {
            provider.Context.Error(provider.Node("config_file")!.Start, $"{provider.At("config_file")}: {configFile} does not exist (GARM providers refuse to run without their config file; an empty file will do)");
        }

        var version = provider.OneOf("interface_version", false, ExternalProviderOptions.V010, ExternalProviderOptions.V011);
        var timeout = provider.Duration("exec_timeout", allowZero: true);
        var extraSpecs = provider.StringMap("extra_specs");
        if (executable is null || configFile is null || callback is null)
        {
            return null;
        }

        var defaults = new ExternalProviderOptions { Name = name, Executable = executable, ConfigFile = configFile, CallbackBaseUrl = new Uri(callback) };
        return new ProviderConfig
        {
            External = defaults with
            {
                Environment = provider.StringList("environment") ?? [],
                InterfaceVersion = version ?? defaults.InterfaceVersion,
                ExecTimeout = timeout ?? defaults.ExecTimeout,
                OsType = provider.OneOf("os_type", false, "linux", "windows") ?? defaults.OsType,
                Flavor = provider.String("flavor") ?? defaults.Flavor,
                Arch = provider.OneOf("arch", false, "amd64", "arm64", "arm", "i386") ?? defaults.Arch,
                ExtraSpecsJson = extraSpecs is null ? null : new JsonObject(extraSpecs.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value)))).ToJsonString(),
            },
        };
    }
}
