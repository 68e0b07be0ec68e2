namespace Hangar.Testing;

/// <summary>
/// The one way a test waits for state that sends no signal it could await: a real process, a container, a child
/// server's API. Fakes signal instead (<see cref="ConditionWaiters"/>); this is for the real world only.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Completes once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming
    /// <paramref name="what"/> when it still does not after <paramref name="deadline"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what, CancellationToken cancellationToken = default, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), deadline, what, cancellationToken, interval);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan, string, CancellationToken, TimeSpan?)"/>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what, CancellationToken cancellationToken = default, TimeSpan? interval = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, TestContext.Current.CancellationToken);
        var started = TimeProvider.System.GetTimestamp();
        using var timer = new PeriodicTimer(interval ?? DefaultInterval);
        while (true)
        {
            var left = deadline - TimeProvider.System.GetElapsedTime(started);
            try
            {
                if (left > TimeSpan.Zero && await condition().WaitAsync(left, cancel.Token))
                {
                    return;
                }
            }
            catch (TimeoutException)
            {
                // The condition itself hung past the deadline: reported below like any other miss.
            }

            if (TimeProvider.System.GetElapsedTime(started) >= deadline)
            {
                throw new TimeoutException($"timed out after {deadline} waiting for {what}");
            }

            await timer.WaitForNextTickAsync(cancel.Token);
        }
    }
}
