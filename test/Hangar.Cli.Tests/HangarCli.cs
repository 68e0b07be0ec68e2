using System.Diagnostics;

namespace Hangar.Cli.Tests;

/// <summary>Runs the real <c>hangar</c> executable (this test's copy of hangar.dll) and captures what it prints.</summary>
internal static class HangarCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(TimeSpan timeout, params string[] args) => RunWithInputAsync(timeout, stdin: null, args);

    /// <param name="stdin">What the command reads on its standard input (then closed); null leaves it the test's.</param>
    public static async Task<Result> RunWithInputAsync(TimeSpan timeout, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hangar.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
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
