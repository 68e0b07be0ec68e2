namespace Hangar.Core.Forges;

/// <summary>
/// Names the caller of the forge calls made in an async flow, without threading it through every signature:
/// <c>using (ForgeCallScope.Begin("stale-jobs", ForgePriority.Observe)) { ... }</c>. Forges read <see cref="Current"/> to
/// attribute their requests to a loop and to rank observation calls; a call's own kind still wins where it is stronger
/// (minting and removal are always <see cref="ForgePriority.Provision"/>, sweeps never rank above <see cref="ForgePriority.Sweep"/>).
/// Scopes nest; disposing one restores the caller before it.
/// </summary>
public static class ForgeCallScope
{
    private static readonly AsyncLocal<ForgeCaller?> Caller = new();

    /// <summary>The innermost caller of this async flow, or null when none was named.</summary>
    public static ForgeCaller? Current => Caller.Value;

    public static IDisposable Begin(string loop, ForgePriority priority)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(loop);
        var previous = Caller.Value;
        Caller.Value = new ForgeCaller(loop, priority);
        return new Restore(previous);
    }

    private sealed class Restore(ForgeCaller? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Caller.Value = previous;
            }
        }
    }
}
