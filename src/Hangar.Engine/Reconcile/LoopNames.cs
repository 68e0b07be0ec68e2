namespace Hangar.Engine.Reconcile;

/// <summary>The reconcile loops' names, as they appear in logs, metrics (<c>loop</c> label) and health.</summary>
public static class LoopNames
{
    public const string Converge = "converge";
    public const string Reaper = "reaper";
    public const string DeliveryPrune = "delivery-prune";
    public const string RunnerStatus = "runner-status";
    public const string StoreGhosts = "store-ghosts";
    public const string ProviderOrphans = "provider-orphans";
    public const string ForgeOrphans = "forge-orphans";
    public const string StaleJobs = "stale-jobs";
    public const string CreateRetry = "create-retry";
    public const string Retention = "retention";
    public const string RunnerGroups = "runner-groups";
}
