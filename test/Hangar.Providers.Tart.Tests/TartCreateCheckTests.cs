using Hangar.Core.Providers;
using Hangar.Testing;
using Hangar.Testing.Tart;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Tart.Tests;

/// <summary>
/// The check the engine runs before it mints a registration: the pool's image is a local VM Tart lists, or an OCI
/// reference Tart has pulled or can pull now. The contract suite's CreateCheck tests cover mounts and the generic cases;
/// these cover what is Tart's own (local names against remote references, the pull, Tart's implied ":latest").
/// </summary>
public sealed class TartCreateCheckTests : IDisposable
{
    private readonly TartDouble _tart = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _tart.Dispose();

    [Fact]
    public void Capabilities_ClaimCreateCheck() =>
        Provider().Capabilities.HasFlag(ProviderCapabilities.CreateCheck).ShouldBeTrue();

    [Fact]
    public async Task CheckCreateAsync_LocalVmMissing_FailsNamingTheImageAndTouchesNothing()
    {
        var check = await Provider().CheckCreateAsync(Spec("vm-check", "macos-15-xcode"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        check.Ok.ShouldBeFalse();
        check.Problems.ShouldHaveSingleItem().ShouldContain("image macos-15-xcode");
        check.Reason.ShouldContain("tart list");
        _tart.Vms().ShouldBeEmpty();
        Directory.Exists(Path.Combine(_tart.StateDir, "vm-check")).ShouldBeFalse();
    }

    [Fact]
    public async Task CheckCreateAsync_RemoteImageNotPulledYet_PullsItSoTheCloneAfterTheMintIsLocal()
    {
        _tart.PublishImage("ghcr.example/acme/macos-runner:15");

        var check = await Provider().CheckCreateAsync(Spec("vm-pull", "ghcr.example/acme/macos-runner:15"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        check.Ok.ShouldBeTrue(check.Reason);
        _tart.Cached("ghcr.example/acme/macos-runner:15").ShouldBeTrue();
        _tart.Vms().ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckCreateAsync_RemoteImageTheRegistryLacks_FailsNamingTheImageAndTartsReason()
    {
        var check = await Provider().CheckCreateAsync(Spec("vm-none", "ghcr.example/acme/no-such-runner:1"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        check.Ok.ShouldBeFalse();
        var problem = check.Problems.ShouldHaveSingleItem();
        problem.ShouldContain("image ghcr.example/acme/no-such-runner:1");
        problem.ShouldContain("HTTP 404");
        _tart.Vms().ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckCreateAsync_TwoChecksWhileTheImageIsBeingPulled_OnePull()
    {
        _tart.PublishImage("ghcr.example/acme/macos-runner:15");
        var control = Directory.CreateDirectory(Path.Combine(_tart.Root, "pulls")).FullName;
        var counting = Path.Combine(_tart.Root, "bin", "tart-counting");
        await File.WriteAllTextAsync(counting, $$"""
            #!/bin/sh
            echo "$1" >>'{{control}}/calls'
            if [ "$1" = pull ]; then
              touch '{{control}}/pulling'
              while [ ! -e '{{control}}/release' ]; do sleep 0.1; done
            fi
            exec '{{_tart.Executable}}' "$@"

            """, Ct);
        File.SetUnixFileMode(counting, (UnixFileMode)0b111_101_101);
        IProvider provider = new TartProvider(_tart.Options("ctl-check") with { Executable = counting }, NullLogger<TartProvider>.Instance);
        int Calls(string command) => File.Exists(Path.Combine(control, "calls")) ? File.ReadAllLines(Path.Combine(control, "calls")).Count(c => c == command) : 0;

        var first = provider.CheckCreateAsync(Spec("vm-1", "ghcr.example/acme/macos-runner:15"), Ct);
        await Poll.UntilAsync(() => File.Exists(Path.Combine(control, "pulling")), TimeSpan.FromSeconds(60), "the first check to pull", Ct);
        var second = provider.CheckCreateAsync(Spec("vm-2", "ghcr.example/acme/macos-runner:15"), Ct);
        await Poll.UntilAsync(() => Calls("list") >= 2, TimeSpan.FromSeconds(60), "the second check to list the images", Ct);
        await File.WriteAllTextAsync(Path.Combine(control, "release"), "", Ct);

        (await first.WaitAsync(TimeSpan.FromSeconds(60), Ct)).Ok.ShouldBeTrue();
        (await second.WaitAsync(TimeSpan.FromSeconds(60), Ct)).Ok.ShouldBeTrue();
        Calls("pull").ShouldBe(1);
    }

    [Fact]
    public async Task CheckCreateAsync_PullOutlastsPullTimeout_FailsNamingTheImageAndTheSetting()
    {
        _tart.PublishImage("ghcr.example/acme/huge-runner:15");
        var slow = Path.Combine(_tart.Root, "bin", "tart-slow-pull");
        await File.WriteAllTextAsync(slow, $"#!/bin/sh\n[ \"$1\" = pull ] && sleep 120\nexec '{_tart.Executable}' \"$@\"\n", Ct);
        File.SetUnixFileMode(slow, (UnixFileMode)0b111_101_101);
        var provider = new TartProvider(_tart.Options("ctl-check") with { Executable = slow, PullTimeout = TimeSpan.FromSeconds(1) }, NullLogger<TartProvider>.Instance);

        var check = await ((IProvider)provider).CheckCreateAsync(Spec("vm-slow", "ghcr.example/acme/huge-runner:15"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        var problem = check.Problems.ShouldHaveSingleItem();
        problem.ShouldContain("image ghcr.example/acme/huge-runner:15");
        problem.ShouldContain("pull_timeout");
        _tart.Cached("ghcr.example/acme/huge-runner:15").ShouldBeFalse();
    }

    [Fact]
    public async Task CheckCreateAsync_RemoteImageWithoutTagCachedAsLatest_PassesWithoutPullingAgain()
    {
        _tart.PublishImage("ghcr.example/acme/macos-runner:latest");
        var provider = Provider();
        (await provider.CheckCreateAsync(Spec("vm-a", "ghcr.example/acme/macos-runner"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct)).Ok.ShouldBeTrue();
        Directory.Delete(Path.Combine(_tart.Root, "home", "registry"), recursive: true);

        var again = await provider.CheckCreateAsync(Spec("vm-b", "ghcr.example/acme/macos-runner"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await provider.CreateAsync(Spec("vm-b", "ghcr.example/acme/macos-runner"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        again.Ok.ShouldBeTrue(again.Reason);
        (await File.ReadAllTextAsync(Path.Combine(_tart.VmDirectory("vm-b"), "disk.img"), Ct)).ShouldBe("macOS from a registry");
    }

    [Fact]
    public async Task CreateAsync_LocalVmMissing_ThrowsNamingTheImageBeforeAnythingIsWritten()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(
            Provider().CreateAsync(Spec("vm-create", "macos-15-xcode"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct));

        error.Message.ShouldContain("image macos-15-xcode");
        error.Message.ShouldContain("tart list");
        _tart.Vms().ShouldBeEmpty();
        Directory.Exists(Path.Combine(_tart.StateDir, "vm-create")).ShouldBeFalse();
    }

    private IProvider Provider() => new TartProvider(_tart.Options("ctl-check"), NullLogger<TartProvider>.Instance);

    private static RunnerSpec Spec(string name, string image) => new()
    {
        Name = name,
        Pool = "mac",
        Labels = ["self-hosted", "macOS"],
        Image = image,
        Command = ["sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait"],
    };
}
