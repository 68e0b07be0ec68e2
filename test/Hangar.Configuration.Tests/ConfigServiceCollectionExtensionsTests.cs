using Hangar.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Configuration.Tests;

public class ConfigServiceCollectionExtensionsTests
{
    [Fact]
    public void AddHangarConfig_LoadedConfig_ResolvesConfigAndSections()
    {
        var config = ConfigYaml.Valid(ConfigYaml.Minimal);

        using var provider = new ServiceCollection().AddHangarConfig(config).BuildServiceProvider();

        provider.GetRequiredService<HangarConfig>().ShouldBeSameAs(config);
        provider.GetRequiredService<ServerConfig>().ShouldBeSameAs(config.Server);
        provider.GetRequiredService<StoreConfig>().ShouldBeSameAs(config.Store);
    }

    [Fact]
    public void AddHangarConfig_AlreadyRegistered_KeepsTheFirst()
    {
        var first = new HangarConfig();
        var services = new ServiceCollection();
        services.AddSingleton(first);

        using var provider = services.AddHangarConfig(ConfigYaml.Valid(ConfigYaml.Minimal)).BuildServiceProvider();

        provider.GetRequiredService<HangarConfig>().ShouldBeSameAs(first);
    }
}
