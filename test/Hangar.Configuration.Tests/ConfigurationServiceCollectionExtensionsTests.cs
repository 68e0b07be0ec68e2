using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Configuration.Tests;

public class ConfigurationServiceCollectionExtensionsTests
{
    [Fact]
    public void AddHangarConfiguration_LoadedConfig_ResolvesConfigAndSections()
    {
        var config = ConfigYaml.Valid(ConfigYaml.Minimal);

        using var provider = new ServiceCollection().AddHangarConfiguration(config).BuildServiceProvider();

        provider.GetRequiredService<HangarConfig>().ShouldBeSameAs(config);
        provider.GetRequiredService<ServerConfig>().ShouldBeSameAs(config.Server);
        provider.GetRequiredService<StoreConfig>().ShouldBeSameAs(config.Store);
    }

    [Fact]
    public void AddHangarConfiguration_AlreadyRegistered_KeepsTheFirst()
    {
        var first = new HangarConfig();
        var services = new ServiceCollection();
        services.AddSingleton(first);

        using var provider = services.AddHangarConfiguration(ConfigYaml.Valid(ConfigYaml.Minimal)).BuildServiceProvider();

        provider.GetRequiredService<HangarConfig>().ShouldBeSameAs(first);
    }
}
