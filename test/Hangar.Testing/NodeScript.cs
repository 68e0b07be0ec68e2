using System.Diagnostics;

namespace Hangar.Testing;

/// <summary>
/// Runs one of the committed node scripts under eng/ and returns its standard output. The caller first asks
/// <see cref="RepositoryRoot"/> for the npm package the script needs, which fails with the <c>npm ci</c> hint.
/// </summary>
public static class NodeScript
{
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
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
