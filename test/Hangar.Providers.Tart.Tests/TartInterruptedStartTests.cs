using Hangar.Core.Providers;
using Hangar.Testing;
using Hangar.Testing.Tart;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Tart.Tests;

/// <summary>
/// A provider that stopped right after <c>tart run</c> (as a SIGKILLed Hangar would, before it saw the VM run) must not
/// leave a VM that reads as "made, never started" once it has run and ended.
/// </summary>
public sealed class TartInterruptedStartTests : IDisposable
{
    private readonly TartDouble _tart = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _tart.Dispose();

    [Fact]
    public async Task GetAsync_CreateStoppedRightAfterTartRunAndTheVmEnded_ReportsExitedNotCreated()
    {
        var control = Path.Combine(_tart.Root, "control");
        var held = Path.Combine(control, "held");
        var release = Path.Combine(control, "release");
        var stuck = new TartProvider(_tart.Options("ctl-int-run") with { Executable = HoldingWrapper(control) }, NullLogger<TartProvider>.Instance);
        var spec = new RunnerSpec { Name = "vm-int", Pool = "mac", Labels = [], Image = TartDouble.BaseImage, Command = ["true"] };
        var create = stuck.CreateAsync(spec, Ct);
        try
        {
            await Poll.UntilAsync(() => Directory.Exists(held) || create.IsCompleted, TimeSpan.FromSeconds(60), "the create to run the VM", Ct);
            create.IsCompleted.ShouldBeFalse();
            await Poll.UntilAsync(() => !_tart.Runs("vm-int"), TimeSpan.FromSeconds(60), "the VM to run its command and stop", Ct);

            var seen = await new TartProvider(_tart.Options("ctl-int-run"), NullLogger<TartProvider>.Instance).GetAsync("vm-int", Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

            seen.ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Exited);
        }
        finally
        {
            await File.WriteAllTextAsync(release, "", Ct);
            await create.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        }
    }

    /// <summary>The double behind a wrapper that holds the first <c>tart list</c> after a <c>tart run</c>: the provider
    /// is then stuck between starting the VM and seeing it run, where a kill would stop it.</summary>
    private string HoldingWrapper(string control)
    {
        Directory.CreateDirectory(control);
        var wrapper = Path.Combine(_tart.Root, "bin", "tart-holding");
        File.WriteAllText(wrapper, $$"""
            #!/bin/sh
            case "$1" in
              run) touch '{{control}}/ran' ;;
              list)
                if [ -e '{{control}}/ran' ] && mkdir '{{control}}/held' 2>/dev/null; then
                  while [ ! -e '{{control}}/release' ]; do sleep 0.1; done
                fi ;;
            esac
            exec '{{_tart.Executable}}' "$@"

            """);
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        return wrapper;
    }
}
