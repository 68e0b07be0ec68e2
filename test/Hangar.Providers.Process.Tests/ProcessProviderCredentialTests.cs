using System.Text;
using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Providers.Process.Tests;

/// <summary>File delivery on the local disk: owner-only files in the runner's directory, nowhere else, gone with it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessProviderCredentialTests : ProcessTestBase
{
    private const string Secret = "hunter2-process-file-secret";

    [Fact]
    public async Task CreateAsync_FileDelivery_OwnerOnlyFilesInTheRunnerDirectoryAndNotInItsEnvironment()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "test -f \"$HANGAR_CREDENTIALS_DIRECTORY/TOKEN\" && echo file-present; sleep 30"]) with
        {
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret },
            CredentialDelivery = CredentialDelivery.File,
        };

        var pid = PidOf(await provider.CreateAsync(spec, Ct).Within());

        var log = Path.Combine(DirOf(spec.Name), "runner.log");
        await Poll.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("file-present", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the runner to find its credential file", Ct);
        var directory = Path.Combine(DirOf(spec.Name), CredentialFiles.DirectoryName);
        File.GetUnixFileMode(directory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(directory, "TOKEN")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await File.ReadAllTextAsync(Path.Combine(directory, "TOKEN"), Ct).Within()).ShouldBe(Secret);
        var environ = await File.ReadAllBytesAsync($"/proc/{pid}/environ", Ct).Within();
        environ.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)).ShouldBe(-1);
        environ.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"{RunnerEnvironment.CredentialsDirectory}={directory}\0")).ShouldBeGreaterThanOrEqualTo(0);
        (await File.ReadAllTextAsync(Path.Combine(DirOf(spec.Name), ProcessProvider.RecordFile), Ct).Within()).ShouldNotContain(Secret);

        await provider.DeleteAsync(spec.Name, Ct).Within();

        Directory.Exists(directory).ShouldBeFalse();
    }

    [Fact]
    public async Task StartAsync_EnvironmentDeliveryWithNewSecrets_RestartedRunnerHasThemInItsEnvironment()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "echo \"token=${TOKEN:-none}\"; sleep 30"]) with
        {
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = "first-credential" },
        };
        await provider.CreateAsync(spec, Ct).Within();
        var log = Path.Combine(DirOf(spec.Name), "runner.log");
        await Poll.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("token=first-credential", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the first start", Ct);
        await provider.StopAsync(spec.Name, Ct).Within();

        await provider.StartAsync(spec.Name, new Dictionary<string, string> { ["TOKEN"] = "second-credential" }, Ct).Within();

        await Poll.UntilAsync(() => File.ReadAllText(log).Contains("token=second-credential", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the second start", Ct);
        // The first credential never reached the disk, so a start without new secrets would have none.
        var record = File.ReadAllText(Path.Combine(DirOf(spec.Name), ProcessProvider.RecordFile));
        record.ShouldNotContain("first-credential");
        record.ShouldNotContain("second-credential");
    }
}
