using System.Diagnostics;
using Docker.DotNet;
using Hangar.Emulator;

namespace Hangar.Cli.Demo;

/// <summary>Finds what the demo needs on this machine: a Docker engine with the runner image, or the native runner program.</summary>
internal static class DemoProviders
{
    public const string RunnerImage = "hangar/emulated-runner:native";

    public const string BuildImageScript = "eng/build-runner-image.sh";

    /// <summary>Null when the native runner is there (built now from the source tree if it was not), else why not.</summary>
    public static async Task<string?> RunnerUnavailableReasonAsync(Action<string> say, CancellationToken ct)
    {
        if (EmulatedRunnerBinary.TryFind(out var missing) is not null)
        {
            return null;
        }

        if (FindRepoFile(EmulatedRunnerBinary.BuildScript) is not { } script)
        {
            return missing;
        }

        say($"building the native runner with {script} ...");
        var (exitCode, stderr) = await RunScriptAsync(script, [], ct).ConfigureAwait(false);
        return exitCode == 0 && EmulatedRunnerBinary.TryFind(out missing) is not null
            ? null
            : $"building the native runner failed: {(exitCode == 0 ? missing : LastLine(stderr))}";
    }

    /// <summary>Null when Docker can run the demo, else why not.</summary>
    public static async Task<string?> DockerUnavailableReasonAsync(string image, Action<string> say, CancellationToken ct)
    {
        try
        {
            using var client = new DockerClientConfiguration().CreateClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            if (await ImageExistsAsync(client, image, ct).ConfigureAwait(false))
            {
                return null;
            }

            var script = FindRepoFile(BuildImageScript);
            if (script is null)
            {
                return $"the image {image} is missing (build it with {BuildImageScript} from the source tree)";
            }

            say($"building the runner image {image} with {script} ...");
            var (exitCode, stderr) = await RunScriptAsync(script, [image], ct).ConfigureAwait(false);
            return exitCode == 0 && await ImageExistsAsync(client, image, ct).ConfigureAwait(false)
                ? null
                : $"building {image} failed: {LastLine(stderr)}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return "no Docker engine answers on the local socket";
        }
    }

    private static async Task<bool> ImageExistsAsync(DockerClient client, string image, CancellationToken ct)
    {
        try
        {
            await client.Images.InspectImageAsync(image, ct).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>A file of the source tree above the CLI (present when run with <c>dotnet run</c>), or null.</summary>
    public static string? FindRepoFile(string relative) =>
        EmulatedRunnerBinary.SourceTree() is { } tree && File.Exists(Path.Combine(tree, relative)) ? Path.Combine(tree, relative) : null;

    private static async Task<(int ExitCode, string Stderr)> RunScriptAsync(string script, string[] args, CancellationToken ct)
    {
        using var run = Process.Start(new ProcessStartInfo("bash", [script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = run.StandardOutput.ReadToEndAsync(ct);
        var stderr = run.StandardError.ReadToEndAsync(ct);
        await run.WaitForExitAsync(ct).ConfigureAwait(false);
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return (run.ExitCode, await stderr.ConfigureAwait(false));
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
}
