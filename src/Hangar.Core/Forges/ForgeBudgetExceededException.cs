namespace Hangar.Core.Forges;

/// <summary>
/// A low-priority forge call that was not sent, to keep the forge's API quota for provisioning. Nothing failed at the
/// forge: the caller skips this item and tries again on a later pass (no earlier than <see cref="RetryAt"/> when set).
/// </summary>
public sealed class ForgeBudgetExceededException(string message, ForgePriority priority, DateTimeOffset? retryAt)
    : ForgeException(message)
{
    public ForgePriority Priority { get; } = priority;

    /// <summary>When the quota renews, if the call waits for that; null when it only waits its turn at a slower pace.</summary>
    public DateTimeOffset? RetryAt { get; } = retryAt;
}
