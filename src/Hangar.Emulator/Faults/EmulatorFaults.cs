namespace Hangar.Emulator.Faults;

/// <summary>
/// Faults the emulator injects, to prove Hangar survives a misbehaving GitHub. Rates are shares in [0, 1] drawn from a
/// seeded random source so a failing run can be replayed. All zero (the default) means a well-behaved GitHub.
/// Set at start (<see cref="EmulatorOptions.Faults"/>) or later (<c>EmulatorState.SetFaults</c>, <c>PUT /_emulator/faults</c>).
/// </summary>
public sealed record EmulatorFaults
{
    /// <summary>REST calls answered with a 5xx.</summary>
    public double RestServerErrorRate { get; init; }

    /// <summary>REST calls answered 429 with <c>Retry-After: <see cref="RetryAfter"/></c>.</summary>
    public double RestRateLimitRate { get; init; }

    /// <summary>REST calls answered 403 with <c>x-ratelimit-remaining: 0</c> and a reset <see cref="RetryAfter"/> ahead.</summary>
    public double RestQuotaExhaustedRate { get; init; }

    /// <summary>REST calls that hang for <see cref="Timeout"/> before failing (the client is expected to time out first).</summary>
    public double RestTimeoutRate { get; init; }

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Webhook deliveries silently dropped (never sent, never redelivered), as a lost GitHub delivery.</summary>
    public double WebhookDropRate { get; init; }

    /// <summary>Webhook deliveries sent twice with the same delivery id.</summary>
    public double WebhookDuplicateRate { get; init; }

    /// <summary>Webhook deliveries held back and sent after later ones (out of order).</summary>
    public double WebhookReorderRate { get; init; }

    /// <summary>How long a reordered delivery is held back (later events of the job overtake it meanwhile).</summary>
    public TimeSpan WebhookReorderDelay { get; init; } = TimeSpan.FromSeconds(2);

    public int Seed { get; init; } = 1;

    public static EmulatorFaults None { get; } = new();
}
