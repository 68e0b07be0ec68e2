using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hangar.Emulator;
using Hangar.Testing;

namespace Hangar.Cli.Tests;

/// <summary>
/// The package (docs/install.md): <c>eng/publish.sh</c>'s linux-x64 executable runs the demo where no .NET is installed,
/// the container image built from it (<c>eng/packaging/build-image.sh</c>) runs it too, and the systemd unit
/// (<c>eng/packaging/hangar.service</c>) verifies and hands Hangar its secrets under the names Hangar looks for.
/// </summary>
public sealed partial class PackageTests
{
    private static readonly string Root = EmulatedRunnerBinary.SourceTree() ?? throw new InvalidOperationException("no source tree above the tests");
    private static readonly string Published = Path.Combine(Root, "artifacts", "publish", "linux-x64", "hangar");
    private static readonly string Unit = Path.Combine(Root, "eng", "packaging", "hangar.service");

    // One publish per test run: it is a Release build of everything (minutes on a busy machine), then incremental.
    private static readonly Lazy<Task> Publish = new(() => RunAsync("bash", [Path.Combine(Root, "eng", "publish.sh"), "linux-x64"], TimeSpan.FromMinutes(20), env: null, check: true));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishedHangar_NoDotnetOnPath_RunsTheDemoOnTheProcessProvider()
    {
        await Publish.Value;
        var bin = Directory.CreateTempSubdirectory("hangar-no-dotnet-");
        var home = Directory.CreateTempSubdirectory("hangar-home-");
        try
        {
            // Every command of the machine but dotnet, so nothing the package needs is missing for another reason.
            foreach (var dir in new[] { "/usr/local/bin", "/usr/bin", "/bin" })
            {
                foreach (var tool in Directory.EnumerateFiles(dir).Where(f => !Path.GetFileName(f).StartsWith("dotnet", StringComparison.Ordinal)))
                {
                    var link = Path.Combine(bin.FullName, Path.GetFileName(tool));
                    if (!File.Exists(link))
                    {
                        File.CreateSymbolicLink(link, tool);
                    }
                }
            }

            var env = new Dictionary<string, string?> { ["PATH"] = bin.FullName, ["HOME"] = home.FullName, ["DOTNET_ROOT"] = null, ["DOTNET_HOST_PATH"] = null };
            var noDotnet = await RunAsync("/bin/sh", ["-c", "command -v dotnet || echo none"], TimeSpan.FromSeconds(30), env);
            noDotnet.Stdout.Trim().ShouldBe("none");

            var result = await RunAsync(Published, ["demo", "--jobs", "5", "--provider", "process", "-o", "json"], TimeSpan.FromMinutes(5), env);

            result.ExitCode.ShouldBe(0, result.Stderr);
            using var summary = JsonDocument.Parse(result.Stdout);
            summary.RootElement.GetProperty("jobs_completed").GetInt32().ShouldBe(5);
            summary.RootElement.GetProperty("leaked").GetInt32().ShouldBe(0);
            summary.RootElement.GetProperty("provider").GetString().ShouldBe("process");
        }
        finally
        {
            bin.Delete(recursive: true);
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ContainerImage_BuiltFromThePackage_RunsTheDemoAsItsUnprivilegedUser()
    {
        await Publish.Value;
        var tag = "hangar-test/package:" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            (await RunAsync("bash", [Path.Combine(Root, "eng", "packaging", "build-image.sh"), tag], TimeSpan.FromMinutes(5), env: null)).ExitCode.ShouldBe(0);

            var user = await RunAsync("docker", ["image", "inspect", "-f", "{{.Config.User}}", tag], TimeSpan.FromSeconds(30), env: null);
            var result = await RunAsync("docker", ["run", "--rm", "--network", "none", tag, "demo", "--jobs", "3", "--provider", "process", "-o", "json"], TimeSpan.FromMinutes(5), env: null);

            user.Stdout.Trim().ShouldBe("10001:10001");
            result.ExitCode.ShouldBe(0, result.Stderr);
            using var summary = JsonDocument.Parse(result.Stdout);
            summary.RootElement.GetProperty("jobs_completed").GetInt32().ShouldBe(3);
            summary.RootElement.GetProperty("leaked").GetInt32().ShouldBe(0);
        }
        finally
        {
            await RunAsync("docker", ["rmi", "-f", tag], TimeSpan.FromSeconds(60), env: null);
        }
    }

    [Fact]
    public async Task SystemdUnit_Verifies()
    {
        await Publish.Value;
        var copy = Path.Combine(Path.GetTempPath(), $"hangar-{Guid.NewGuid():N}.service");
        try
        {
            // verify checks that ExecStart's executable exists: point it at the package just built.
            await File.WriteAllTextAsync(copy, (await File.ReadAllTextAsync(Unit, Ct)).Replace("/usr/local/bin/hangar", Published, StringComparison.Ordinal), Ct);

            var result = await RunAsync("systemd-analyze", ["verify", copy], TimeSpan.FromSeconds(60), env: null);

            result.ExitCode.ShouldBe(0, result.Stderr);
            result.Stderr.ShouldNotContain(Path.GetFileName(copy));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public async Task SystemdUnit_Credentials_AreTheNamesHangarLooksUpForTheConfigInItsComment()
    {
        var unit = await File.ReadAllTextAsync(Unit, Ct);
        var credentials = LoadCredential().Matches(unit).Select(m => m.Groups[1].Value).ToArray();
        // The example configuration the unit's comment gives, with the server's address and directory made local.
        var config = string.Join('\n', ExampleConfig().Matches(unit).Select(m => m.Groups[1].Value))
            .Replace("http://0.0.0.0:8080", "http://127.0.0.1:" + LoopbackPort.Free(), StringComparison.Ordinal)
            .Replace("/var/lib/hangar", "./data", StringComparison.Ordinal);
        var dir = Directory.CreateTempSubdirectory("hangar-credentials-");
        try
        {
            var credentialsDir = Directory.CreateDirectory(Path.Combine(dir.FullName, "credentials"));
            foreach (var name in credentials)
            {
                await File.WriteAllTextAsync(Path.Combine(credentialsDir.FullName, name), $"value-of-{name}\n", Ct);
            }

            var configFile = Path.Combine(dir.FullName, "hangar.yaml");
            await File.WriteAllTextAsync(configFile, config, Ct);
            var url = Regex.Match(config, @"http://127\.0\.0\.1:\d+").Value;
            var env = new Dictionary<string, string?>
            {
                ["CREDENTIALS_DIRECTORY"] = credentialsDir.FullName, ["HANGAR_API_TOKEN"] = null, ["GITHUB_TOKEN"] = null, ["GITHUB_WEBHOOK_SECRET"] = null,
            };
            var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hangar.dll"), "serve", "--config", configFile])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir.FullName,
            };
            foreach (var (name, value) in env)
            {
                info.Environment[name] = value;
            }

            using var serve = Process.Start(info)!;
            var stderr = serve.StandardError.ReadToEndAsync(Ct);
            _ = serve.StandardOutput.ReadToEndAsync(Ct);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
                await Poll.UntilAsync(async () =>
                {
                    if (serve.HasExited)
                    {
                        throw new InvalidOperationException($"hangar serve exited {serve.ExitCode}: {await stderr}");
                    }

                    try
                    {
                        return (await http.GetAsync("/readyz", Ct)).StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                }, TimeSpan.FromSeconds(60), "hangar serve to be ready", Ct);

                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/pools");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "value-of-api-token-1");
                using var response = await http.SendAsync(request, Ct);

                credentials.ShouldBe(["github-token", "github-webhook-secret", "api-token-1"]);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
            finally
            {
                serve.Kill(entireProcessTree: true);
                await serve.WaitForExitAsync(Ct);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<HangarCli.Result> RunAsync(string file, string[] args, TimeSpan timeout, IReadOnlyDictionary<string, string?>? env, bool check = false)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root };
        foreach (var (name, value) in env ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }

        var result = new HangarCli.Result(process.ExitCode, await stdout, await stderr);
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        }

        return result;
    }

    [GeneratedRegex(@"^LoadCredential=([^:\s]+):", RegexOptions.Multiline)]
    private static partial Regex LoadCredential();

    // The comment's example: lines "#   server: ..." and "#   forges:" with what is indented under them.
    [GeneratedRegex(@"^#   ((?:server|forges|  github):.*)$", RegexOptions.Multiline)]
    private static partial Regex ExampleConfig();
}
