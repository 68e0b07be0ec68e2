namespace Hangar.Core.Planning;

/// <summary>What one live instance of a configured pool means for the plan: nothing, a destroy, or a count in its pool's
/// <see cref="PoolLoad"/>.</summary>
internal enum InstanceRole
{
    None,
    Destroy,
    Expiring,
    Supply,
    Idle,
    Busy,
    Stopped,
    Preparing,
}
