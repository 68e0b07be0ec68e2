using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Hangar.Cli.Tests;

/// <summary><c>hangar status</c> against a real server: one screen with pools by phase, queue, unroutable, failures.</summary>
public sealed partial class StatusCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private CliFleet _fleet = null!;

    public async ValueTask InitializeAsync() => _fleet = await CliFleet.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Status_Table_PoolsByPhaseQueueUnroutableAndFailures()
    {
        var result = await HangarCli.RunAsync(Timeout, ["status", .. _fleet.Connect]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        var lines = result.Stdout.Split('\n');
        lines[0].ShouldContain("2 pools");
        lines[0].ShouldContain("1 queued");
        lines[0].ShouldContain("1 unroutable");
        result.Stdout.ShouldContain("BUSY");
        result.Stdout.ShouldContain("FAILED");
        var linux = lines.First(l => l.TrimStart().StartsWith("linux ", StringComparison.Ordinal));
        linux.ShouldContain("disabled ok");
        lines.First(l => l.TrimStart().StartsWith("gpu ", StringComparison.Ordinal)).ShouldContain(" 1 ");
        var queue = lines.SkipWhile(l => !l.Contains("Queue (1)", StringComparison.Ordinal)).ToArray();
        queue.ShouldNotBeEmpty();
        queue.First(l => l.Contains(" 11 ", StringComparison.Ordinal)).ShouldContain("linux");
        lines.First(l => l.Contains(" 12 ", StringComparison.Ordinal)).ShouldContain(CliFleet.UnroutableReason);
        lines.First(l => l.Contains("gpu-broken", StringComparison.Ordinal)).ShouldContain(CliFleet.FailedError);
        result.Stdout.ShouldNotContain("\u001b[");
    }

    [Fact]
    public async Task Status_Json_TheFourListsInTheApiShape()
    {
        var result = await HangarCli.RunAsync(Timeout, ["status", .. _fleet.Connect, "-o", "json"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        root.GetProperty("pools").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["gpu", "linux"]);
        root.GetProperty("pools")[1].GetProperty("runners").GetProperty("busy").GetInt32().ShouldBe(1);
        root.GetProperty("queued_jobs").EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).ShouldBe([11]);
        root.GetProperty("unroutable_jobs")[0].GetProperty("unroutable_reason").GetString().ShouldBe(CliFleet.UnroutableReason);
        root.GetProperty("failed_runners")[0].GetProperty("last_error").GetString().ShouldBe(CliFleet.FailedError);
    }

    [Fact]
    public async Task Status_Yaml_SameDataReadableByAYamlParser()
    {
        var result = await HangarCli.RunAsync(Timeout, ["status", .. _fleet.Connect, "-o", "yaml"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(result.Stdout));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var queued = (YamlSequenceNode)root.Children[new YamlScalarNode("queued_jobs")];
        var job = (YamlMappingNode)queued.Children.ShouldHaveSingleItem();
        ((YamlScalarNode)job.Children[new YamlScalarNode("id")]).Value.ShouldBe("11");
        ((YamlScalarNode)job.Children[new YamlScalarNode("repository")]).Value.ShouldBe("acme/app");
        var failed = (YamlMappingNode)((YamlSequenceNode)root.Children[new YamlScalarNode("failed_runners")]).Children[0];
        ((YamlScalarNode)failed.Children[new YamlScalarNode("last_error")]).Value.ShouldBe(CliFleet.FailedError);
    }

    [Fact]
    public async Task Status_OnATerminal_ColoursUnlessNoColor()
    {
        var terminal = new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["NO_COLOR"] = null };
        var coloured = await HangarCli.RunOnTerminalAsync(Timeout, terminal, ["status", .. _fleet.Connect]);
        var plain = await HangarCli.RunOnTerminalAsync(Timeout, new Dictionary<string, string?>(terminal) { ["NO_COLOR"] = "1" }, ["status", .. _fleet.Connect]);

        coloured.ExitCode.ShouldBe(0, coloured.Stdout + coloured.Stderr);
        Colour().IsMatch(coloured.Stdout).ShouldBeTrue();
        coloured.Stdout.ShouldContain("gpu-broken");
        plain.ExitCode.ShouldBe(0, plain.Stdout + plain.Stderr);
        plain.Stdout.ShouldContain("gpu-broken");
        // The runtime itself switches the terminal's keypad mode (ESC[?1h); colours are SGR sequences, ESC[...m.
        Colour().IsMatch(plain.Stdout).ShouldBeFalse();
    }

    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex Colour();
}
