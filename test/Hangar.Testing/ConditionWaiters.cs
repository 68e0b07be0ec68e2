namespace Hangar.Testing;

/// <summary>
/// Lets a test wait until a fake reaches some state (e.g. "two creates are blocked") instead of sleeping and hoping.
/// The owner calls <see cref="Notify"/> under its own lock after every change; conditions are read under that lock.
/// </summary>
internal sealed class ConditionWaiters
{
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiting = [];

    /// <summary>Call under the owner's lock.</summary>
    public Task WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        if (condition())
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Add((condition, done));
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Call under the owner's lock.</summary>
    public void Notify()
    {
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            if (_waiting[i].Condition())
            {
                _waiting[i].Done.TrySetResult();
                _waiting.RemoveAt(i);
            }
        }
    }
}
