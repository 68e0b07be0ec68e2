using System.Net;
using System.Net.Sockets;

namespace Hangar.Cli.Tests;

/// <summary>
/// <c>hangar serve</c>'s credentials on the command line: <c>--secret NAME=VALUE</c> is in the process list, so it is
/// warned about; <c>--secret-file NAME=PATH</c> (or <c>-</c> for standard input) keeps the value out of it. Each run
/// stops at a taken port, after the secrets were resolved and the warning given.
/// </summary>
public sealed class ServeSecretArgumentTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hangar-cli-secrets-");
    private readonly TcpListener _taken = new(IPAddress.Loopback, 0);

    public ServeSecretArgumentTests() => _taken.Start();

    public void Dispose()
    {
        _taken.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Serve_SecretOnCommandLine_WarnsThatTheValueIsInTheProcessListWithoutRepeatingIt()
    {
        const string Value = "ghp-on-the-command-line";

        var result = await HangarCli.RunAsync(Timeout, "serve", "--config", await WriteConfigAsync(), "--secret", $"github-token={Value}");

        result.ExitCode.ShouldBe(4, result.Stderr);
        var output = result.Stdout + result.Stderr;
        output.ShouldContain("Hangar.Cli[7000]");
        output.ShouldContain("--secret puts the value of github-token in the process list");
        output.ShouldNotContain(Value);
    }

    [Fact]
    public async Task Serve_SecretFileFromStandardInput_ResolvesTheSecretWithoutAWarning()
    {
        var result = await HangarCli.RunWithInputAsync(Timeout, "ghp-from-stdin\n", "serve", "--config", await WriteConfigAsync(), "--secret-file", "github-token=-");

        // The taken port, not the secret, is what stops it: the token was found.
        result.ExitCode.ShouldBe(4, result.Stderr);
        result.Stderr.ShouldNotContain("was not found");
        result.Stderr.ShouldContain(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (result.Stdout + result.Stderr).ShouldNotContain("[7000]");
    }

    [Fact]
    public async Task Serve_SecretFileFromAFile_ResolvesTheSecret()
    {
        var file = Path.Combine(_directory.FullName, "token");
        await File.WriteAllTextAsync(file, "ghp-from-file\n", TestContext.Current.CancellationToken);

        var result = await HangarCli.RunAsync(Timeout, "serve", "--config", await WriteConfigAsync(), "--secret-file", $"github-token={file}");

        result.ExitCode.ShouldBe(4, result.Stderr);
        result.Stderr.ShouldNotContain("was not found");
        result.Stderr.ShouldContain(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Serve_SecretFileMissing_ExitsInvalidNamingTheSecretAndTheFile()
    {
        var missing = Path.Combine(_directory.FullName, "absent");

        var result = await HangarCli.RunAsync(Timeout, "serve", "--config", await WriteConfigAsync(), "--secret-file", $"github-token={missing}");

        result.ExitCode.ShouldBe(1, result.Stderr);
        result.Stderr.ShouldContain($"hangar: --secret-file github-token: cannot read {missing}");
    }

    [Fact]
    public async Task Serve_TwoSecretsFromStandardInput_ExitsInvalid()
    {
        var result = await HangarCli.RunWithInputAsync(Timeout, "a\n", "serve", "--config", await WriteConfigAsync(),
            "--secret-file", "github-token=-", "--secret-file", "github-webhook-secret=-");

        result.ExitCode.ShouldBe(1, result.Stderr);
        result.Stderr.ShouldContain("standard input ('-') can hold one secret only");
    }

    private int Port => ((IPEndPoint)_taken.LocalEndpoint).Port;

    /// <summary>A forge whose token is nowhere but on the command line, and a listen address already taken.</summary>
    private async Task<string> WriteConfigAsync()
    {
        var path = Path.Combine(_directory.FullName, "hangar.yaml");
        var unset = "HANGAR_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(path, $$"""
            server: {listen: 'http://127.0.0.1:{{Port}}', data_dir: ./data, controller_id: secrets-cli}
            forges:
              github:
                token: {env: {{unset}}}
            """, TestContext.Current.CancellationToken);
        return path;
    }
}
