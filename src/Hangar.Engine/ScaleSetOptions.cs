namespace Hangar.Engine;

/// <summary>How scale-set listeners wait (<c>server.scale_sets</c>). The defaults follow reference section 6.3.</summary>
public sealed record ScaleSetOptions
{
    /// <summary>Jittered wait between session creates refused with 409 (a stale session: its expiry is unknown).</summary>
    public TimeSpan ConflictRetryMin { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConflictRetryMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A session still refused after this long is logged as an error (once): someone should look.</summary>
    public TimeSpan ConflictAlertAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a failed call the client's own retries did not absorb (429, 5xx, network); doubled to
    /// <see cref="ErrorBackoffMax"/>, with jitter.</summary>
    public TimeSpan ErrorBackoffFirst { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ErrorBackoffMax { get; init; } = TimeSpan.FromMinutes(1);
}
