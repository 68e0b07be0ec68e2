using System.Diagnostics;

namespace Hangar.Forges.Tests.GitHub.Contract;

/// <summary>Runs one of the committed node scripts under eng/ and returns its standard output.</summary>
internal static class NodeScript
{
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        RepositoryRoot.NodeTool("prism"); // fails with the npm ci hint when the tooling is not installed
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "eng", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node eng/{script} did not finish within {timeout}");
        }

        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"node eng/{script} exited {process.ExitCode}: {await stderr}");
    }
}
