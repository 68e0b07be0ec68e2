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
        var stops = new TartStops(Path.Combine(_tart.Root, "stops"), _tart.Executable);
        stops.StopAt(TartCreateStep.Running);
        var stuck = new TartProvider(_tart.Options("ctl-int-run") with { Executable = stops.Executable }, NullLogger<TartProvider>.Instance);
        var spec = new RunnerSpec { Name = "vm-int", Pool = "mac", Labels = [], Image = TartDouble.BaseImage, Command = ["sh", "-c", "echo ran >ended"] };
        var create = stuck.CreateAsync(spec, Ct);
        try
        {
            await Poll.UntilAsync(() => stops.Reached(TartCreateStep.Running) || create.IsCompleted, TimeSpan.FromSeconds(60), "the create to run the VM", Ct);
            create.IsCompleted.ShouldBeFalse();
            // The command's file, not the double's pid file alone: that is written only once the double's run is going.
            await Poll.UntilAsync(
                () => File.Exists(Path.Combine(_tart.VmDirectory("vm-int"), "work", "ended")) && !_tart.Runs("vm-int"),
                TimeSpan.FromSeconds(60), "the VM to run its command and stop", Ct);

            var seen = await new TartProvider(_tart.Options("ctl-int-run"), NullLogger<TartProvider>.Instance).GetAsync("vm-int", Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

            seen.ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Exited);
        }
        finally
        {
            stops.Release();
            await create.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        }
    }
}
