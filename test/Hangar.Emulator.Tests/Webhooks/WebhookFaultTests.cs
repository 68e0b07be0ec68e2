using Hangar.Emulator.Faults;
using Hangar.Emulator.State;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.Webhooks;

public sealed class WebhookFaultTests
{
    private static readonly JobRequest Job = new() { Repository = "acme/app", Labels = ["self-hosted", "linux"] };

    [Fact]
    public async Task Deliver_DropRateOne_NeverSendsAndRecordsTheDrop()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = receiver.Url, Faults = new EmulatorFaults { WebhookDropRate = 1 } });

        var dropped = emulator.Host.QueueJobs(Job).Single();
        await emulator.Host.State.WaitUntilAsync(s => s.Deliveries.Any(d => d.JobId == dropped.Id && d.Fault == "dropped"), TestTimeouts.Token());
        emulator.Host.State.SetFaults(EmulatorFaults.None);
        var sent = emulator.Host.QueueJobs(Job).Single();

        (await receiver.NextAsync()).Json["workflow_job"]!["id"]!.GetValue<long>().ShouldBe(sent.Id);
        var delivery = emulator.Host.State.Deliveries.Single(d => d.JobId == dropped.Id);
        delivery.Delivered.ShouldBeFalse();
        delivery.GivenUp.ShouldBeTrue();
        delivery.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task Deliver_DuplicateRateOne_SendsTheSameDeliveryTwice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = receiver.Url, Faults = new EmulatorFaults { WebhookDuplicateRate = 1 } });

        emulator.Host.QueueJobs(Job);
        var both = await receiver.TakeAsync(2);

        both[0].Delivery.ShouldBe(both[1].Delivery);
        both[0].Body.ShouldBe(both[1].Body);
        emulator.Host.State.Deliveries.ShouldHaveSingleItem().Fault.ShouldBe("duplicated");
    }

    [Fact]
    public async Task Deliver_ReorderRateOne_LaterEventOvertakesTheHeldOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(o => o with
        {
            WebhookUrl = receiver.Url,
            Faults = new EmulatorFaults { WebhookReorderRate = 1, WebhookReorderDelay = TimeSpan.FromSeconds(1) },
        });

        var held = emulator.Host.QueueJobs(Job).Single();
        await emulator.Host.State.WaitUntilAsync(s => s.Deliveries.Any(d => d.JobId == held.Id && d.Fault == "reordered"), TestTimeouts.Token());
        emulator.Host.State.SetFaults(EmulatorFaults.None);
        var later = emulator.Host.QueueJobs(Job).Single();

        var received = await receiver.TakeAsync(2);

        received.Select(r => r.Json["workflow_job"]!["id"]!.GetValue<long>()).ShouldBe([later.Id, held.Id]);
    }

    [Fact]
    public async Task Deliver_SameSeed_SameFaultsDrawn()
    {
        static async Task<string?[]> RunAsync()
        {
            await using var receiver = await WebhookReceiver.StartAsync();
            await using var emulator = await TestEmulator.StartAsync(o => o with
            {
                WebhookUrl = receiver.Url,
                Faults = new EmulatorFaults { WebhookDropRate = 0.3, WebhookDuplicateRate = 0.3, Seed = 42 },
            });
            emulator.Host.QueueJobs(Job with { Count = 20 });
            await emulator.Host.State.WaitUntilAsync(s => s.Deliveries.All(d => d.Delivered || d.GivenUp), TestTimeouts.Token());
            return [.. emulator.Host.State.Deliveries.OrderBy(d => d.JobId).Select(d => d.Fault)];
        }

        var first = await RunAsync();
        var second = await RunAsync();

        first.ShouldBe(second);
        first.ShouldContain("dropped");
        first.ShouldContain("duplicated");
    }
}
