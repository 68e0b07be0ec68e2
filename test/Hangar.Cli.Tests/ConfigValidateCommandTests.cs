namespace Hangar.Cli.Tests;

public sealed class ConfigValidateCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Validate_ThreeMistakes_ThreePositionedErrorsAndExit1()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("hangar-cli-").FullName, "bad.yaml");
        await File.WriteAllTextAsync(path, """
            server:
              listen: http://127.0.0.1:8080
              converge_interval: soon
            forges:
              github:
                type: github
                token: {env: GH_TOKEN}
            providers:
              docker:
                type: docker
            pools:
              small:
                forge: github
                repository: acme/app
                labels: [linux]
                provider: dokcer
                image: runner:1
                max_runnerz: 3
            """, TestContext.Current.CancellationToken);

        var result = await HangarCli.RunAsync(Timeout, "config", "validate", path);

        result.ExitCode.ShouldBe(1);
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith(path + ":", StringComparison.Ordinal) && !l.Contains("error(s)", StringComparison.Ordinal)).ToArray();
        errors.Length.ShouldBe(3, result.Stderr);
        errors[0].ShouldStartWith($"{path}:3:");
        errors[1].ShouldStartWith($"{path}:16:");
        errors[2].ShouldStartWith($"{path}:18:");
        errors[2].ShouldContain("max_runners");
    }

    [Fact]
    public async Task Validate_ExampleFile_Exit0()
    {
        var example = FindRepoFile("examples/hangar.yaml");

        var result = await HangarCli.RunAsync(Timeout, "config", "validate", example);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("ok");
    }

    [Fact]
    public async Task Validate_MissingFile_OneLineAndExit1()
    {
        var result = await HangarCli.RunAsync(Timeout, "config", "validate", "/nonexistent/hangar.yaml");

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("/nonexistent/hangar.yaml");
    }

    internal static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hangar.slnx")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
