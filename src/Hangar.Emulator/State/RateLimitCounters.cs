namespace Hangar.Emulator.State;

/// <summary>
/// One credential's primary rate limit as the emulator counted it: the current hourly window, plus totals over every
/// window so a test can tell whether the quota ever ran out and which calls were refused.
/// </summary>
internal sealed record RateLimitCounters
{
    /// <summary>The credential key of the personal access token (<see cref="EmulatorOptions.Token"/>).</summary>
    public const string PersonalAccessToken = "pat";

    /// <summary><see cref="PersonalAccessToken"/>, <c>installation:ID</c> (every token of that installation) or <c>app:ID</c> (App JWTs).</summary>
    public required string Credential { get; init; }

    public required int Limit { get; init; }

    /// <summary>Requests counted in the current window.</summary>
    public required int Used { get; init; }

    public int Remaining => Math.Max(0, Limit - Used);

    /// <summary>When the current window ends (<c>x-ratelimit-reset</c>): an hour after its first request.</summary>
    public required DateTimeOffset Reset { get; init; }

    /// <summary>The lowest <c>x-ratelimit-remaining</c> ever reported, in any window (0 once a request was refused).</summary>
    public required int LowestRemaining { get; init; }

    /// <summary>Requests counted against the quota, every window.</summary>
    public required long Counted { get; init; }

    /// <summary>Conditional requests answered 304, which GitHub does not count.</summary>
    public required long NotModified { get; init; }

    /// <summary>Requests refused with 403 because the window's quota was spent.</summary>
    public long Refused => RefusedByRoute.Values.Sum();

    /// <summary>Refused requests by <c>METHOD /route/{pattern}</c>.</summary>
    public required IReadOnlyDictionary<string, long> RefusedByRoute { get; init; }

    /// <summary>Counted requests by <c>METHOD /route/{pattern}</c>, every window.</summary>
    public required IReadOnlyDictionary<string, long> CountedByRoute { get; init; }
}
