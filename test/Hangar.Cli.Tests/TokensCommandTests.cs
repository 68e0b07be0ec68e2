using System.Diagnostics;
using System.Text.Json;
using Hangar.Core.Pools;
using Hangar.Testing;

namespace Hangar.Cli.Tests;

/// <summary><c>hangar tokens create|list|revoke</c> and <c>hangar pressure watch</c> against the real server.</summary>
public sealed class TokensCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private ServerFixture _server = null!;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync(configure: config => config with
    {
        Engine = config.Engine with
        {
            Pools = [new PoolSpec { Name = "ci", Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["linux"], Provider = PoolSpec.NoProvider, MinimumPressure = 3 }],
        },
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task<HangarCli.Result> RunAsync(string token, params string[] args) =>
        HangarCli.RunAsync(Timeout, [.. args, "--server", _server.BaseUrl.ToString(), "--token", token]);

    [Fact]
    public async Task CreateListRevoke_TheMadeTokenWorksUntilRevoked()
    {
        var created = await RunAsync(ServerFixture.ApiToken, "tokens", "create", "--name", "ci bot", "--scope", "read", "--expires-in", "30d");
        created.ExitCode.ShouldBe(0, created.Stderr);
        var token = created.Stdout.Trim();
        token.ShouldStartWith("hangar_");
        created.Stderr.ShouldContain("shown only now");

        var listed = await RunAsync(token, "jobs", "list", "-o", "json");
        listed.ExitCode.ShouldBe(0, listed.Stderr);

        var tokens = await RunAsync(ServerFixture.ApiToken, "tokens", "list", "-o", "json");
        tokens.ExitCode.ShouldBe(0, tokens.Stderr);
        using var doc = JsonDocument.Parse(tokens.Stdout);
        var made = doc.RootElement.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "ci bot");
        made.GetProperty("scope").GetString().ShouldBe("read");
        tokens.Stdout.ShouldNotContain(token);

        var revoked = await RunAsync(ServerFixture.ApiToken, "tokens", "revoke", made.GetProperty("id").GetString()!);
        revoked.ExitCode.ShouldBe(0, revoked.Stderr);
        var refused = await RunAsync(token, "jobs", "list");
        refused.ExitCode.ShouldBe(3);
        refused.Stderr.ShouldContain("revoked");
    }

    [Fact]
    public async Task Create_WithAReadToken_RefusedOnOneLine()
    {
        var result = await RunAsync(ServerFixture.ReadToken, "tokens", "create", "--name", "x", "--scope", "admin");

        result.ExitCode.ShouldBe(3);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain("403");
    }

    [Fact]
    public async Task PressureWatch_PrintsTheCurrentValue()
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hangar.dll"), "pressure", "watch", "ci",
            "--server", _server.BaseUrl.ToString(), "--token", ServerFixture.ApiToken])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken);

            line.ShouldNotBeNull().ShouldEndWith(" ci 3");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task PressureWatch_UnknownFlavor_ExitsWithTheReason()
    {
        var result = await RunAsync(ServerFixture.ApiToken, "pressure", "watch", "nope");

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldContain("no flavor named 'nope'");
    }
}
