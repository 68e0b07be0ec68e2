using System.Text.Json;
using Hangar.Core.Providers;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Providers.Process.Tests;

/// <summary>The process provider as a host composes it: made by the container, with the container's clock.</summary>
public sealed class ProcessProviderServiceCollectionExtensionsTests : ProcessTestBase
{
    [Fact]
    public async Task AddHangarProcessProvider_Resolved_RecordsRunnersWithTheContainersClockAndControllerId()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddHangarProcessProvider(_ => new ProcessProviderOptions { Name = "local", ControllerId = ControllerId, WorkDir = WorkDir });
        await using var container = services.BuildServiceProvider();
        var provider = container.GetRequiredService<IProvider>();
        var spec = Spec();

        await provider.CreateAsync(spec, Ct).Within();

        provider.ShouldBeOfType<ProcessProvider>().Name.ShouldBe("local");
        var record = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(DirOf(spec.Name), ProcessProvider.RecordFile)), ProcessRecordJsonContext.Default.ProcessRecord);
        record.ShouldNotBeNull().CreatedAt.ShouldBe(clock.GetUtcNow());
        record.ControllerId.ShouldBe(ControllerId);
    }

    [Fact]
    public async Task AddHangarProcessProvider_NoControllerId_IsRefusedWhenMade()
    {
        await using var container = new ServiceCollection()
            .AddHangarProcessProvider(_ => new ProcessProviderOptions { Name = "local", WorkDir = WorkDir })
            .BuildServiceProvider();

        Should.Throw<ArgumentException>(() => container.GetRequiredService<IProvider>()).Message.ShouldContain("ControllerId");
    }
}
