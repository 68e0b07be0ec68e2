using System.Diagnostics;

namespace Hangar.Cli.Tests;

/// <summary>Runs the real <c>hangar</c> executable (this test's copy of hangar.dll) and captures what it prints.</summary>
internal static class HangarCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(TimeSpan timeout, params string[] args) => RunWithInputAsync(timeout, stdin: null, args);

    /// <param name="stdin">What the command reads on its standard input (then closed); null leaves it the test's.</param>
    public static Task<Result> RunWithInputAsync(TimeSpan timeout, string? stdin, params string[] args) =>
        StartAsync(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hangar.dll"), .. args]), timeout, stdin, args);

    /// <summary>
    /// Runs hangar on a terminal of its own: util-linux's <c>script</c> gives it a pseudo-terminal, so standard output
    /// is not redirected as far as hangar can tell. What it wrote comes back in Stdout (with the terminal's CRLFs).
    /// </summary>
    public static Task<Result> RunOnTerminalAsync(TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "hangar.dll") }.Concat(args).Select(Quote));
        var info = new ProcessStartInfo("script", ["--quiet", "--return", "--command", command, "/dev/null"]);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return StartAsync(info, timeout, stdin: null, args);
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<Result> StartAsync(ProcessStartInfo info, TimeSpan timeout, string? stdin, string[] args)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = stdin is not null;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(timeout);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cts.Token);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hangar {string.Join(' ', args)} did not finish within {timeout}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
