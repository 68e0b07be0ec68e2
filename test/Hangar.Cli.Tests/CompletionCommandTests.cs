namespace Hangar.Cli.Tests;

/// <summary>
/// Shell completion: the suggest directive answers with the real commands and option values, and the bash script,
/// sourced in a real bash with hangar on PATH, fills COMPREPLY from it.
/// </summary>
public sealed class CompletionCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SuggestDirective_PartialCommand_OffersTheMatchingCommands()
    {
        var result = await HangarCli.RunAsync(Timeout, "[suggest:4]", "stat");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["status"]);
    }

    [Fact]
    public async Task SuggestDirective_OutputOption_OffersTheFormats()
    {
        var line = "runners show x -o ";
        var result = await HangarCli.RunAsync(Timeout, $"[suggest:{line.Length}]", line);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["json", "table", "yaml"]);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _hangar_complete hangar")]
    [InlineData("zsh", "compdef _hangar hangar")]
    [InlineData("fish", "complete -c hangar -f")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName hangar")]
    public async Task Completion_Shell_PrintsItsScriptAskingTheSuggestDirective(string shell, string registration)
    {
        var result = await HangarCli.RunAsync(Timeout, "completion", shell);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain(registration);
        result.Stdout.ShouldContain("[suggest:");
    }

    [Fact]
    public async Task Completion_UnknownShell_RefusedNonZero()
    {
        var result = await HangarCli.RunAsync(Timeout, "completion", "tcsh");

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("tcsh");
    }

    [Theory]
    [InlineData("hangar run", "runners")]
    [InlineData("hangar runners ", "delete list logs show")]
    [InlineData("hangar pools list -o y", "yaml")]
    [InlineData("hangar status --to", "--token --top")]
    public async Task BashScript_Sourced_CompletesFromTheDirective(string line, string expected)
    {
        var bin = Directory.CreateTempSubdirectory("hangar-completion-");
        try
        {
            var hangar = Path.Combine(bin.FullName, "hangar");
            await File.WriteAllTextAsync(hangar, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "hangar.dll")}' \"$@\"\n", TestContext.Current.CancellationToken);
            var script = (await HangarCli.RunAsync(Timeout, "completion", "bash")).Stdout;
            var scriptFile = Path.Combine(bin.FullName, "hangar.bash");
            await File.WriteAllTextAsync(scriptFile, script, TestContext.Current.CancellationToken);
            var words = line.EndsWith(' ') ? [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries), ""] : line.Split(' ');
            var driver = $"""
                chmod +x '{hangar}'
                source '{scriptFile}'
                COMP_LINE='{line}'
                COMP_POINT={line.Length}
                COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))})
                COMP_CWORD={words.Length - 1}
                _hangar_complete
                echo "${"{"}COMPREPLY[*]{"}"}"
                """;

            var result = await RunBashAsync(driver, bin.FullName);

            result.ExitCode.ShouldBe(0, result.Stderr);
            result.Stdout.Trim().ShouldBe(expected);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    private static async Task<HangarCli.Result> RunBashAsync(string script, string pathDirectory)
    {
        var info = new System.Diagnostics.ProcessStartInfo("bash", ["--noprofile", "--norc", "-c", script])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["PATH"] = pathDirectory + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = System.Diagnostics.Process.Start(info)!;
        using var cts = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return new HangarCli.Result(process.ExitCode, await stdout, await stderr);
    }
}
