using System.Diagnostics;
using SystemProcess = System.Diagnostics.Process;

namespace Hangar.Providers.External.Tests;

/// <summary>The docker CLI, for looking at the test provider's containers from outside it.</summary>
internal static class DockerCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    public static async Task<string> TextAsync(params string[] args)
    {
        var (_, output) = await RunAsync(args);
        return System.Text.Encoding.UTF8.GetString(output);
    }

    /// <summary>The exit code and the raw stdout (a tar stream for <c>docker cp … -</c>).</summary>
    public static async Task<(int ExitCode, byte[] Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = SystemProcess.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await copy.WaitAsync(Limit);
        await errors.WaitAsync(Limit);
        await process.WaitForExitAsync().WaitAsync(Limit);
        return (process.ExitCode, output.ToArray());
    }

    public static async Task<IReadOnlyList<string>> ContainersAsync(string controllerId) =>
        (await TextAsync("ps", "-a", "--format", "{{.Names}}", "--filter", $"label=garm-controller-id={controllerId}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static async Task RemoveAllAsync(string controllerId)
    {
        var ids = (await TextAsync("ps", "-aq", "--filter", $"label=garm-controller-id={controllerId}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 0)
        {
            await TextAsync(["rm", "-f", .. ids]);
        }
    }
}
