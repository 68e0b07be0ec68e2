using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// The first step of every create: a pending row with the instance's final name, stored before the forge or the
/// provider is called. A crash at any later point therefore leaves a row that says what may exist under that name.
/// </summary>
internal sealed class InstanceIntents(IStore store, EngineOptions options, TimeProvider time, ILogger<InstanceIntents> logger)
{
    private readonly string _controllerTag = InstanceNames.ControllerTag(options.ControllerId);

    public async Task<Instance> StoreAsync(PoolSpec pool, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var instance = new Instance
        {
            Name = InstanceNames.New(pool.Name, _controllerTag),
            Pool = pool.Name,
            Provider = pool.Provider,
            State = InstanceState.Pending,
            CreatedAt = now,
            StateChangedAt = now,
            LastReason = "demand",
            Forge = pool.Forge,
            Target = pool.Target,
        };
        await store.InsertInstanceAsync(instance, "planned: demand or min_idle", ct).ConfigureAwait(false);
        ActuationLog.IntentStored(logger, instance.Name, pool.Name);
        return instance;
    }
}
