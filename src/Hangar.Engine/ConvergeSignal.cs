namespace Hangar.Engine;

/// <summary>
/// Wakes the converge loop early. Many nudges before the loop wakes count as one. Intake, the actuator and the
/// observation passes nudge it; it lives at the bottom of the engine so that none of them depends on the loops.
/// </summary>
internal sealed class ConvergeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Nudge() => Volatile.Read(ref _next).TrySetResult();

    /// <summary>Waits for a nudge or the timeout, whichever comes first. Returns true when nudged.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _next);
        try
        {
            await current.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }

        // Arm the next wait before the pass runs, so a nudge that arrives during the pass is not lost.
        Interlocked.CompareExchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        return true;
    }
}
