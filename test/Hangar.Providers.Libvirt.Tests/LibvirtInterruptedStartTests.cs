using Hangar.Core.Providers;
using Hangar.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Libvirt.Tests;

/// <summary>
/// A provider that stopped right after <c>virsh start</c> (as a SIGKILLed Hangar would) must not leave a domain that
/// reads as "made, never started" once its guest has run and ended: the stopped tier would start that used disk
/// again with a new credential, and a create by name would resume it.
/// </summary>
public sealed class LibvirtInterruptedStartTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly LibvirtDomains _domains = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _domains.CleanUpAsync().WaitAsync(Patience);

    [Fact]
    public async Task GetAsync_CreateStoppedRightAfterTheStartAndTheGuestEnded_ReportsExitedNotCreated()
    {
        var stops = new ToolStops(LibvirtTestHost.NewDirectory("stops"));
        stops.StopAt(CreateStep.Started);
        var options = await _domains.OptionsAsync("ctl-int-start").WaitAsync(Patience, Ct);
        var stuck = new LibvirtProvider(options with { Virsh = stops.Virsh }, NullLogger<LibvirtProvider>.Instance);
        var name = $"hangar-is-{Guid.NewGuid():N}"[..20];
        var create = stuck.CreateAsync(new RunnerSpec { Name = name, Pool = "vm", Labels = [], Image = LibvirtTestHost.BaseImage, Command = ["true"] }, Ct);
        try
        {
            await Poll.UntilAsync(() => stops.Reached(CreateStep.Started) || create.IsCompleted, Patience, "the create to start the domain", Ct);
            create.IsCompleted.ShouldBeFalse();
            await Poll.UntilAsync(
                async () => (await LibvirtTestHost.VirshAsync("domstate", "--domain", name))?.Trim() == "shut off",
                Patience, "the guest to run its command and power off", Ct);

            var seen = await new LibvirtProvider(options, NullLogger<LibvirtProvider>.Instance).GetAsync(name, Ct).WaitAsync(Patience, Ct);

            seen.ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Exited);
        }
        finally
        {
            stops.Release();
            await create.WaitAsync(Patience, Ct);
        }

        await stuck.DeleteAsync(name, Ct).WaitAsync(Patience, Ct);
        (await _domains.OutsideAsync("ctl-int-start").WaitAsync(Patience, Ct)).ShouldBeEmpty();
    }
}
