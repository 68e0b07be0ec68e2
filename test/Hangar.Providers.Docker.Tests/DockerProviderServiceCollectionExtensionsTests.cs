using Hangar.Core.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Providers.Docker.Tests;

/// <summary>The Docker provider as a host composes it: made by the container from options the container supplies.</summary>
public sealed class DockerProviderServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddHangarDockerProvider_TwoProviders_ResolvesBothByName()
    {
        await using var container = new ServiceCollection()
            .AddHangarDockerProvider(_ => new DockerProviderOptions { Name = "local", ControllerId = "ctl-a" })
            .AddHangarDockerProvider(_ => new DockerProviderOptions { Name = "remote", ControllerId = "ctl-a", Endpoint = "tcp://127.0.0.1:9" })
            .BuildServiceProvider();

        var providers = container.GetServices<IProvider>().ToList();

        providers.Select(p => p.Name).ShouldBe(["local", "remote"]);
        providers.ShouldAllBe(p => p is DockerProvider);
    }

    [Fact]
    public async Task AddHangarDockerProvider_NoControllerId_IsRefusedWhenMade()
    {
        await using var container = new ServiceCollection()
            .AddHangarDockerProvider(_ => new DockerProviderOptions { Name = "local" })
            .BuildServiceProvider();

        Should.Throw<ArgumentException>(() => container.GetRequiredService<IProvider>());
    }
}
