using System.Net;
using System.Net.Sockets;

namespace Hangar.Cli.Tests;

/// <summary><c>hangar serve</c> refusing to start: a message and exit code 4 (start-up failed), whatever step failed.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hangar-cli-serve-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Serve_SecretNowhere_ExitsStartupFailedNamingTheSecret()
    {
        var variable = "HANGAR_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        var path = await WriteConfigAsync($$"""
            server: {listen: 'http://127.0.0.1:0', data_dir: ./data}
            forges:
              github:
                token: {env: {{variable}}}
            """);

        var result = await HangarCli.RunAsync(Timeout, "serve", "--config", path);

        result.ExitCode.ShouldBe(4, result.Stderr);
        result.Stderr.ShouldContain("hangar: Secret 'github-token' was not found");
        result.Stderr.ShouldContain(variable);
    }

    [Fact]
    public async Task Serve_PortTaken_ExitsStartupFailed()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var path = await WriteConfigAsync($"server: {{listen: 'http://127.0.0.1:{port}', data_dir: ./data, controller_id: port-taken}}\n");

        var result = await HangarCli.RunAsync(Timeout, "serve", "--config", path, "--log-format", "json");

        result.ExitCode.ShouldBe(4, result.Stderr);
        result.Stderr.ShouldContain("hangar: ");
        result.Stderr.ShouldContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string> WriteConfigAsync(string yaml)
    {
        var path = Path.Combine(_directory.FullName, "hangar.yaml");
        await File.WriteAllTextAsync(path, yaml, TestContext.Current.CancellationToken);
        return path;
    }
}
