using System.Diagnostics;
using System.Runtime.InteropServices;
using Docker.DotNet;

namespace Hangar.Cli.Demo;

/// <summary>Finds what the demo needs on this machine: a Docker engine with the runner image, or the runner program.</summary>
internal static class DemoProviders
{
    public const string RunnerImage = "hangar/emulated-runner:dev";

    /// <summary>The emulated runner, shipped next to the CLI.</summary>
    public static string RunnerDll => Path.Combine(AppContext.BaseDirectory, "hangar-emulated-runner.dll");

    /// <summary>The dotnet host to start the runner with: the one running this CLI, else the one beside this runtime.</summary>
    public static string DotnetHost
    {
        get
        {
            if (Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet")
            {
                return process;
            }

            // The runtime lives in {dotnet root}/shared/Microsoft.NETCore.App/{version}/.
            var beside = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
            return File.Exists(beside) ? beside : "dotnet";
        }
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

            var script = FindRepoFile("eng/build-runner-image.sh");
            if (script is null)
            {
                return $"the image {image} is missing (build it with eng/build-runner-image.sh from the source tree)";
            }

            say($"building the runner image {image} with {script} ...");
            using var build = Process.Start(new ProcessStartInfo("bash", [script, image]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = build.StandardOutput.ReadToEndAsync(ct);
            var stderr = build.StandardError.ReadToEndAsync(ct);
            await build.WaitForExitAsync(ct).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            return build.ExitCode == 0 && await ImageExistsAsync(client, image, ct).ConfigureAwait(false)
                ? null
                : $"building {image} failed: {LastLine(await stderr.ConfigureAwait(false))}";
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

    /// <summary>Walks up from the CLI's directory to the source tree (present when run with <c>dotnet run</c>).</summary>
    public static string? FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Hangar.slnx")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
}
