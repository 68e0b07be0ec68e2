using System.Text.Json;
using Hangar.Emulator.Gitea;

namespace Hangar.Cli.Tests;

/// <summary><c>hangar forges list</c> probes each forge (never reads its version) and <c>hangar demo --forge</c> runs the
/// Gitea family end to end with the process provider.</summary>
public sealed class GiteaForgeCommandTests
{
    [Theory]
    [InlineData(GiteaFlavor.Gitea, "gitea", "webhook,jobs-api-sweep", "rest-list-get-delete")]
    [InlineData(GiteaFlavor.Forgejo15, "forgejo", "jobs-api-poll", "rest-list-get-delete")]
    [InlineData(GiteaFlavor.Forgejo11, "forgejo", "jobs-api-poll", "none")]
    public async Task ForgesList_EmulatedForge_ShowsWhatTheProbeFound(GiteaFlavor flavor, string type, string demand, string runners)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await GiteaEmulatorHost.StartAsync(new GiteaEmulatorOptions { Flavor = flavor, Token = "cli-token" }, null, ct);
        var dir = Directory.CreateTempSubdirectory("hangar-forges-list-").FullName;
        var config = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(config, $"""
            forges:
              code:
                type: {type}
                base_url: {emulator.BaseUrl}
                token: {"{"}env: CLI_FORGE_TOKEN{"}"}
            providers:
              docker:
                type: docker
            pools:
              ci:
                forge: code
                repository: acme/app
                labels: [linux]
                provider: docker
                image: hangar/runner:1
            """, ct);

        var result = await HangarCli.RunAsync(TimeSpan.FromSeconds(60), "forges", "list", "-c", config, "-o", "json", "--secret-file", "code-token=-");
        var withToken = await HangarCli.RunWithInputAsync(TimeSpan.FromSeconds(60), "cli-token", "forges", "list", "-c", config, "-o", "json", "--secret-file", "code-token=-");

        result.ExitCode.ShouldNotBe(0, "an empty token is refused");
        withToken.ExitCode.ShouldBe(0, withToken.Stderr);
        using var listed = JsonDocument.Parse(withToken.Stdout);
        var forge = listed.RootElement.EnumerateArray().ShouldHaveSingleItem();
        forge.GetProperty("type").GetString().ShouldBe(type);
        string.Join(',', forge.GetProperty("demand_sources").EnumerateArray().Select(d => d.GetString())).ShouldBe(demand);
        forge.GetProperty("runner_listing").GetString().ShouldBe(runners);
    }

    [Theory]
    [InlineData("gitea", 0)]
    [InlineData("forgejo-11", 4)]
    public async Task Demo_GiteaFamilyProcessProvider_EveryJobServed(string forge, int rowsLeft)
    {
        var result = await HangarCli.RunAsync(TimeSpan.FromMinutes(3), "demo", "--forge", forge, "--jobs", "4", "--provider", "process", "-o", "json");

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var summary = JsonDocument.Parse(result.Stdout);
        summary.RootElement.GetProperty("jobs_completed").GetInt32().ShouldBe(4);
        summary.RootElement.GetProperty("wrong_runner").GetInt32().ShouldBe(0);
        summary.RootElement.GetProperty("machines_left").GetInt32().ShouldBe(0);
        summary.RootElement.GetProperty("registrations_left").GetInt32().ShouldBe(rowsLeft);
    }
}
