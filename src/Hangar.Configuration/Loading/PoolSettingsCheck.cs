using Hangar.Core.Providers;

namespace Hangar.Configuration.Loading;

/// <summary>
/// A pool may only set what its provider honours (<see cref="ProviderConfig.HonouredPoolSettings"/>): a setting a
/// provider would silently ignore (a disk size for a container, a CPU limit for a process) is an error at its key.
/// </summary>
internal static class PoolSettingsCheck
{
    public static void Run(MappingReader pool, string providerName, ProviderConfig provider)
    {
        var honoured = provider.HonouredPoolSettings;
        foreach (var (setting, key) in PoolSettingKeys.All)
        {
            if (honoured.HasFlag(setting) || !pool.IsPresent(key) || !Asks(pool, setting, key))
            {
                continue;
            }

            var what = setting == PoolSettings.CredentialFile ? "credential_delivery: file" : key;
            pool.Context.Error(
                pool.KeyMark(key),
                $"{pool.At(key)}: provider '{providerName}' is {(provider.Type[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {provider.Type} provider, which does not honour {what} (it honours: {PoolSettingKeys.Describe(honoured)})");
        }
    }

    /// <summary>Whether the key asks for the setting: <c>credential_delivery</c> asks for files only when set to
    /// <c>file</c> (environment delivery is every provider's), an empty list or map asks for nothing.</summary>
    private static bool Asks(MappingReader pool, PoolSettings setting, string key) => setting switch
    {
        PoolSettings.CredentialFile => pool.Node(key) is YamlDotNet.RepresentationModel.YamlScalarNode { Value: "file" },
        PoolSettings.StoppedTier => pool.Node(key) is YamlDotNet.RepresentationModel.YamlScalarNode { Value: not "0" },
        _ => pool.Node(key) switch
        {
            null => false,
            YamlDotNet.RepresentationModel.YamlSequenceNode sequence => sequence.Children.Count > 0,
            YamlDotNet.RepresentationModel.YamlMappingNode mapping => mapping.Children.Count > 0,
            _ => true,
        },
    };
}
