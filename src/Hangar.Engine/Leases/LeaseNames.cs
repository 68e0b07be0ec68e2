namespace Hangar.Engine.Leases;

/// <summary>The lease of each kind of work that must happen once among replicas. Names are stable: they are stored,
/// shown by <c>hangar pools list</c> and labelled in metrics.</summary>
public static class LeaseNames
{
    /// <summary>Planning and provisioning of one pool: creates, destroys, retries and take-over recovery.</summary>
    public static string Pool(string pool) => "pool:" + pool;

    /// <summary>A singleton reconcile pass (orphans, stale jobs, retention, ...), and <c>pass:routing</c>.</summary>
    public static string Pass(string loop) => "pass:" + loop;

    /// <summary>A demand source that must run once in the cluster (a scale-set session, a Forgejo poller, the lost-job sweep).</summary>
    public static string Source(string source) => "source:" + source;

    /// <summary>Routing queued jobs to pools: one replica writes routes, so two never route one job two ways.</summary>
    public static string Routing { get; } = Pass("routing");

    /// <summary>A replica's presence, held by every running replica: how replicas count each other to spread pools.</summary>
    public static string Replica(string replica) => "replica:" + replica;

    public static bool IsReplica(string lease) => lease.StartsWith("replica:", StringComparison.Ordinal);

    /// <summary>The pool a lease name belongs to, or null for another kind.</summary>
    public static string? PoolOf(string lease) => lease.StartsWith("pool:", StringComparison.Ordinal) ? lease["pool:".Length..] : null;
}
