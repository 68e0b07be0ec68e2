using Hangar.Cli.Traces;

namespace Hangar.Cli.Tests.Traces;

/// <summary>What a replay reads from a record: when the job was queued and when the runner was online, as closely as known.</summary>
public sealed class TraceRecordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void QueueInstant_WholeSecondAndReceivedWithinIt_IsWhenReceived() =>
        Job(T0, T0.AddMilliseconds(640)).QueueInstant.ShouldBe(T0.AddMilliseconds(640));

    [Fact]
    public void QueueInstant_QueuedWithMilliseconds_IsQueued() =>
        Job(T0.AddMilliseconds(200), T0.AddMilliseconds(640)).QueueInstant.ShouldBe(T0.AddMilliseconds(200));

    [Fact]
    public void QueueInstant_ReceivedASecondOrMoreLater_IsTheEndOfTheQueuedSecond() =>
        Job(T0, T0.AddSeconds(1.5)).QueueInstant.ShouldBe(T0.AddSeconds(1));

    [Fact]
    public void QueueInstant_ReceivedBeforeQueued_IsQueued() =>
        Job(T0, T0.AddSeconds(-2)).QueueInstant.ShouldBe(T0);

    [Fact]
    public void QueueInstant_NothingReceived_IsQueued() =>
        Job(T0, null).QueueInstant.ShouldBe(T0);

    [Fact]
    public void ReachedOnline_FirstJobBeforeHangarSawItOnline_IsTheJobsStart()
    {
        // A job was waiting: the forge handed it over at connect (10 s); Hangar applied the in_progress webhook at 10.4 s.
        var instance = Instance(online: 10.4, firstJob: 10);

        instance.ReachedOnline.ShouldBe(T0.AddSeconds(10));
        instance.OnlineFromJob.ShouldBeTrue();
        instance.BootTime.ShouldBe(TimeSpan.FromSeconds(10));
        instance.MachineTime.ShouldBe(TimeSpan.FromSeconds(9));
        instance.CreateTime.ShouldBe(TimeSpan.FromSeconds(2));
        instance.DestroyTime.ShouldBe(TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public void ReachedOnline_IdleBeforeItsFirstJob_IsWhenHangarSawIt()
    {
        var instance = Instance(online: 12, firstJob: 40);

        instance.ReachedOnline.ShouldBe(T0.AddSeconds(12));
        instance.OnlineFromJob.ShouldBeFalse();
        instance.BootTime.ShouldBe(TimeSpan.FromSeconds(12));
    }

    private static TraceRecord Job(DateTimeOffset queued, DateTimeOffset? received) => new()
    {
        Kind = TraceRecord.JobKind,
        Queued = queued,
        Received = received,
        Duration = 10,
    };

    private static TraceRecord Instance(double online, double firstJob) => MeasuredInstance.At(T0, online, firstJob);
}
