using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// The first step of every create: a pending row with the instance's final name, stored (by the converge pass, with its
/// routes, in one transaction) before the forge or the provider is called. A crash at any later point therefore leaves a row that says what may exist under that name.
/// </summary>
internal sealed class InstanceIntents(EngineOptions options, TimeProvider time, ILogger<InstanceIntents> logger)
{
    private readonly string _controllerTag = InstanceNames.ControllerTag(options.ControllerId);

    /// <summary>The reason every intent's first history row carries.</summary>
    public const string Reason = "planned: demand";

    /// <summary>A new pending instance of <paramref name="pool"/>, not yet stored: the caller stores it (with the pass's
    /// routes, <see cref="Core.Storage.IStore.StorePlanAsync"/>) before anything is made under its name.</summary>
    /// <param name="stoppedTier">Made for the stopped tier: its create ends stopped (<see cref="Instance.StoppedTier"/>).</param>
    /// <param name="reason">Why it is made, for its first history row; <see cref="Reason"/> (queued jobs) when null.</param>
    public Instance New(PoolSpec pool, bool stoppedTier = false, string? reason = null)
    {
        var now = time.GetUtcNow();
        return new Instance
        {
            Name = InstanceNames.New(pool.Name, _controllerTag),
            Pool = pool.Name,
            Provider = pool.Provider,
            State = InstanceState.Pending,
            CreatedAt = now,
            StateChangedAt = now,
            LastReason = stoppedTier ? "stopped tier" : reason ?? Reason,
            StoppedTier = stoppedTier,
            Forge = pool.Forge,
            Target = pool.Target,
        };
    }

    /// <summary>Logs intents the caller has stored.</summary>
    public void Stored(IEnumerable<Instance> intents)
    {
        foreach (var intent in intents)
        {
            ActuationLog.IntentStored(logger, intent.Name, intent.Pool);
        }
    }
}
