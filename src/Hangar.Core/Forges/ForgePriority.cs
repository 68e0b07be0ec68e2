namespace Hangar.Core.Forges;

/// <summary>
/// How much a forge call matters when the forge's API quota runs low. A forge with a request budget holds lower
/// priorities back first, so the quota left always goes to provisioning.
/// </summary>
public enum ForgePriority
{
    /// <summary>Minting runner credentials and removing runners: never held back for quota.</summary>
    Provision = 0,

    /// <summary>Observation the engine acts on soon (runner status, stale-job checks): held back only below the reserve.</summary>
    Observe = 1,

    /// <summary>Sweeps that only catch what webhooks missed (queued runs, orphan lists): slowed first when quota is low.</summary>
    Sweep = 2,
}
