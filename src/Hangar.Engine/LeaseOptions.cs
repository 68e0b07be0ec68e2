namespace Hangar.Engine;

/// <summary>
/// <c>server.replica</c> and <c>server.leases</c>: who this replica is and how long its leases last. Only used with a
/// store shared by several replicas (PostgreSQL); a SQLite installation owns everything without leases.
/// </summary>
public sealed record LeaseOptions
{
    /// <summary>This replica's name: stored as each lease's holder (with a per-process suffix, so a restarted process
    /// never reuses its predecessor's epochs) and matched against pools' <c>replica</c> pins. Empty: the host name.</summary>
    public string Replica { get; init; } = "";

    /// <summary>How long a lease lasts unless renewed: the longest a dead replica's work waits for a take-over.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often held leases are renewed (and free ones sought). Default: a third of <see cref="Duration"/>.</summary>
    public TimeSpan? RenewEvery { get; init; }

    public TimeSpan RenewInterval => RenewEvery ?? Duration / 3;

    /// <summary>
    /// The holder stops acting this long before its lease expires in the database when it could not renew it: room for
    /// clocks that disagree a little and for a write already on its way. Fencing makes it safe either way; stopping
    /// early keeps provider calls from starting on work about to change hands.
    /// </summary>
    public TimeSpan Margin => Duration / 5;
}
