namespace Hangar.Core.Planning.Policies;

/// <summary>
/// How many idle runners a pool keeps warm beyond its queued jobs (<c>pools.X.policy</c>). Every policy is bounded
/// below by the pool's <c>min_idle</c> and above by its <c>max_runners</c>; the planner asks <see cref="WarmTargets"/>
/// for the count and the reason it writes into each warm runner's history.
/// </summary>
public abstract record WarmPolicy
{
    /// <summary>The name written in configuration (<c>policy.type</c>).</summary>
    public abstract string Type { get; }
}
