using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Testing.Tart;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Tart.Tests;

/// <summary>What the Tart provider does beyond the contract: the host's running-VM limit, <c>tart set</c> and shares.</summary>
public sealed class TartProviderTests : IDisposable
{
    private const string LongRunning = "trap 'exit 0' TERM; sleep 300 & wait";

    private readonly TartDouble _tart = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _tart.Dispose();

    [Fact]
    public async Task CreateAsync_TwoRunningByDefault_ThirdRefusedNamingTheLimitAndLeavesNothing()
    {
        var provider = new TartProvider(_tart.Options("ctl-limit") with { MaxRunning = new TartProviderOptions { Name = "x" }.MaxRunning }, NullLogger<TartProvider>.Instance);
        await provider.CreateAsync(Spec("vm-1"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await provider.CreateAsync(Spec("vm-2"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        var error = await Should.ThrowAsync<InvalidOperationException>(provider.CreateAsync(Spec("vm-3"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct));

        error.Message.ShouldContain("max_running");
        error.Message.ShouldContain("at most 2");
        _tart.Vms().Order(StringComparer.Ordinal).ShouldBe(["vm-1", "vm-2"]);
        Directory.Exists(Path.Combine(_tart.StateDir, "vm-3")).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_PoolSettings_ReachTartCloneSetAndDirShares()
    {
        var cache = Directory.CreateTempSubdirectory("hangar-tart-cache-");
        Directory.CreateDirectory(_tart.VmDirectory("xcode-16"));
        await File.WriteAllTextAsync(Path.Combine(_tart.VmDirectory("xcode-16"), "disk.img"), "macOS with Xcode 16", Ct);
        try
        {
            var provider = new TartProvider(_tart.Options("ctl-set"), NullLogger<TartProvider>.Instance);
            var spec = Spec("vm-set") with
            {
                Image = "xcode-16",
                Cpus = 3.5,
                MemoryMb = 8192,
                DiskGb = 80,
                Mounts = [new MountSpec(cache.FullName, "/cache"), new MountSpec(cache.FullName, "/Users/admin/out", ReadOnly: false)],
            };

            await provider.CreateAsync(spec, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

            var vm = _tart.VmDirectory("vm-set");
            (await File.ReadAllTextAsync(Path.Combine(vm, "disk.img"), Ct)).ShouldBe("macOS with Xcode 16");
            (await File.ReadAllTextAsync(Path.Combine(vm, "cpu"), Ct)).Trim().ShouldBe("4");
            (await File.ReadAllTextAsync(Path.Combine(vm, "memory"), Ct)).Trim().ShouldBe("8192");
            (await File.ReadAllTextAsync(Path.Combine(vm, "disk-size"), Ct)).Trim().ShouldBe("80");
            var share = Path.Combine(_tart.StateDir, "vm-set", "hangar");
            (await File.ReadAllLinesAsync(Path.Combine(vm, "dirs"), Ct)).ShouldBe([$"hangar:{share}:ro", $"cache:{cache.FullName}:ro", $"out:{cache.FullName}"]);
            (File.GetUnixFileMode(share) & (UnixFileMode)0b000_111_111).ShouldBe(UnixFileMode.None);
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DeleteAsync_FileDelivery_RemovesTheShareHoldingTheCredential()
    {
        var provider = new TartProvider(_tart.Options("ctl-del"), NullLogger<TartProvider>.Instance);
        var spec = Spec("vm-del") with
        {
            SecretEnv = new Dictionary<string, string> { ["ACTIONS_RUNNER_INPUT_JITCONFIG"] = "secret-jit" },
            CredentialDelivery = CredentialDelivery.File,
        };
        await provider.CreateAsync(spec, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var credential = Path.Combine(_tart.StateDir, "vm-del", "hangar", "credentials", "ACTIONS_RUNNER_INPUT_JITCONFIG");
        File.GetUnixFileMode(credential).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await provider.DeleteAsync("vm-del", Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        File.Exists(credential).ShouldBeFalse();
        _tart.Vms().ShouldBeEmpty();
    }

    private static RunnerSpec Spec(string name) => new()
    {
        Name = name,
        Pool = "mac",
        Labels = ["self-hosted", "macOS"],
        Image = TartDouble.BaseImage,
        Command = ["sh", "-c", LongRunning],
    };
}
