using Hangar.Core.Pools;
using Hangar.Engine;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Cli.Tests;

/// <summary><c>hangar pools list</c> shows a pool whose creates are held back, with why.</summary>
public sealed class PoolsListCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private ServerFixture _server = null!;

    // Disabled, on no provider: listed, never provisioned.
    private static PoolSpec Pool(string name) => new()
    {
        Name = name, Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["linux"], Provider = "none", Enabled = false,
    };

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync(configureServices: services =>
        services.AddSingleton(new PoolCatalog(new EngineOptions { ControllerId = "pools-cli-test", Pools = [Pool("linux"), Pool("gpu")] })));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PoolsList_OnePoolDegraded_StateSaysDegradedWithTheLastError()
    {
        var breaker = _server.App.Services.GetRequiredService<CreateBreaker>();
        var policy = _server.App.Services.GetRequiredService<EngineOptions>().Loops.CreateBreaker;
        for (var i = 0; i < policy.Failures; i++)
        {
            breaker.Failed(breaker.TryAdmit("gpu")!.Value, "image 'acme/gpu:1' is not present");
        }

        var result = await HangarCli.RunAsync(Timeout, "pools", "list", "--server", _server.BaseUrl.ToString(), "--token", ServerFixture.ApiToken);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("STATE");
        var lines = result.Stdout.Split('\n');
        lines.Single(l => l.TrimStart().StartsWith("gpu ", StringComparison.Ordinal)).ShouldContain("degraded: image 'acme/gpu:1' is not present");
        lines.Single(l => l.TrimStart().StartsWith("linux ", StringComparison.Ordinal)).TrimEnd().ShouldEndWith("ok");
    }

    [Fact]
    public async Task PoolsList_SingleServer_OwnerIsThisServer()
    {
        var result = await HangarCli.RunAsync(Timeout, "pools", "list", "--server", _server.BaseUrl.ToString(), "--token", ServerFixture.ApiToken);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("OWNER");
        var linux = result.Stdout.Split('\n').Single(l => l.TrimStart().StartsWith("linux ", StringComparison.Ordinal));
        linux.ShouldContain(" " + Environment.MachineName + " ");
    }
}
