using Hangar.Engine.Reconcile;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Engine.Tests.Reconcile;

public sealed class ConvergeSignalTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly ConvergeSignal _signal = new();
    private readonly FakeTimeProvider _clock = new();

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task WaitAsync_NudgedWhileWaiting_ReturnsTrue()
    {
        var ct = TestContext.Current.CancellationToken;
        var waiting = _signal.WaitAsync(Interval, _clock, ct);
        waiting.IsCompleted.ShouldBeFalse();

        _signal.Nudge();

        (await waiting.WaitAsync(Timeout, ct)).ShouldBeTrue();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task WaitAsync_NudgedBeforeWaiting_ReturnsTrue()
    {
        var ct = TestContext.Current.CancellationToken;
        _signal.Nudge();

        (await _signal.WaitAsync(Interval, _clock, ct).WaitAsync(Timeout, ct)).ShouldBeTrue();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task WaitAsync_ManyNudges_CoalesceIntoOneWake()
    {
        var ct = TestContext.Current.CancellationToken;
        _signal.Nudge();
        _signal.Nudge();
        _signal.Nudge();

        (await _signal.WaitAsync(Interval, _clock, ct).WaitAsync(Timeout, ct)).ShouldBeTrue();
        var second = _signal.WaitAsync(Interval, _clock, ct);
        second.IsCompleted.ShouldBeFalse();
        _clock.Advance(Interval);
        (await second.WaitAsync(Timeout, ct)).ShouldBeFalse();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task WaitAsync_NudgeDuringPass_WakesTheNextWait()
    {
        var ct = TestContext.Current.CancellationToken;
        _signal.Nudge();
        (await _signal.WaitAsync(Interval, _clock, ct).WaitAsync(Timeout, ct)).ShouldBeTrue();

        // The pass runs now; intake stores an event and nudges before the loop waits again.
        _signal.Nudge();

        // The clock does not move: only the nudge can end this wait.
        (await _signal.WaitAsync(Interval, _clock, ct).WaitAsync(Timeout, ct)).ShouldBeTrue();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task WaitAsync_NoNudge_ReturnsFalseWhenIntervalElapses()
    {
        var ct = TestContext.Current.CancellationToken;
        var waiting = _signal.WaitAsync(Interval, _clock, ct);

        _clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        waiting.IsCompleted.ShouldBeFalse();
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        (await waiting.WaitAsync(Timeout, ct)).ShouldBeFalse();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task WaitAsync_NudgeAfterTimeout_WakesTheNextWait()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = _signal.WaitAsync(Interval, _clock, ct);
        _clock.Advance(Interval);
        (await first.WaitAsync(Timeout, ct)).ShouldBeFalse();

        var second = _signal.WaitAsync(Interval, _clock, ct);
        _signal.Nudge();

        (await second.WaitAsync(Timeout, ct)).ShouldBeTrue();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task WaitAsync_Cancelled_Throws()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waiting = _signal.WaitAsync(Interval, _clock, cts.Token);

        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting.WaitAsync(Timeout, ct));
    }
}
