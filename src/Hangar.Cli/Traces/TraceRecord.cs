using System.Text.Json.Serialization;

namespace Hangar.Cli.Traces;

/// <summary>
/// One line of a trace (JSON Lines, docs/scheduling.md): a job (<c>kind: job</c>: where it ran and when it was queued,
/// started and completed; a generated job has a <c>duration</c> in seconds instead of start and end) or an instance
/// (<c>kind: instance</c>: created, online, deleted), the latter giving <c>hangar simulate</c> its boot times.
/// </summary>
internal sealed record TraceRecord
{
    public const string JobKind = "job";
    public const string InstanceKind = "instance";

    public required string Kind { get; init; }

    public string? Pool { get; init; }

    public string? Forge { get; init; }

    public string? Repository { get; init; }

    public string? Owner { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public DateTimeOffset? Queued { get; init; }

    /// <summary>When Hangar stored the job's first event (exported jobs): sharpens <see cref="Queued"/>, which forges give
    /// in whole seconds.</summary>
    public DateTimeOffset? Received { get; init; }

    public DateTimeOffset? Started { get; init; }

    public DateTimeOffset? Completed { get; init; }

    /// <summary>Seconds the job runs (generated traces); exported jobs give <see cref="Started"/> and <see cref="Completed"/>.</summary>
    public double? Duration { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset? Created { get; init; }

    /// <summary>When a provider slot was taken and the machine's create began (exported instances).</summary>
    public DateTimeOffset? Provisioning { get; init; }

    /// <summary>When the provider had made the machine and its runner began to start (exported instances).</summary>
    public DateTimeOffset? Booting { get; init; }

    /// <summary>When Hangar saw the runner online: its first move to idle, or straight to busy.</summary>
    public DateTimeOffset? Online { get; init; }

    /// <summary>When the first job the runner took started, by the forge's clock (exported instances).</summary>
    public DateTimeOffset? FirstJob { get; init; }

    /// <summary>When the destroy of the machine began (exported instances).</summary>
    public DateTimeOffset? Deleting { get; init; }

    public DateTimeOffset? Deleted { get; init; }

    /// <summary>How long the job ran: its end less its start, else its <see cref="Duration"/>.</summary>
    [JsonIgnore]
    public TimeSpan? RunTime => Started is { } s && Completed is { } c && c >= s ? c - s
        : Duration is { } d and >= 0 ? TimeSpan.FromSeconds(d) : null;

    /// <summary>
    /// When the runner was online at the forge, as closely as the trace knows: the start of its first job when Hangar saw
    /// it online no earlier (a job was waiting, and the forge hands one over the moment a runner connects), else when
    /// Hangar saw it (at its next look at the forge, so up to <c>runner_status</c>'s interval late).
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? ReachedOnline => FirstJob is { } j && (Online is not { } o || j <= o) && (Created is not { } c || j >= c) ? j : Online;

    /// <summary>True when <see cref="ReachedOnline"/> is the start of a job that was waiting for the runner, not a later look.</summary>
    [JsonIgnore]
    public bool OnlineFromJob => FirstJob is { } j && ReachedOnline == j;

    /// <summary>The instance's boot: created to online.</summary>
    [JsonIgnore]
    public TimeSpan? BootTime => Created is { } c && ReachedOnline is { } o && o >= c ? o - c : null;

    /// <summary>The provider's create, in its slot: provisioning to booting.</summary>
    [JsonIgnore]
    public TimeSpan? CreateTime => Provisioning is { } p && Booting is { } b && b >= p ? b - p : null;

    /// <summary>From the create's start in its slot to the runner online (it may connect before Hangar hears that the
    /// create returned, so this can be shorter than <see cref="CreateTime"/>).</summary>
    [JsonIgnore]
    public TimeSpan? MachineTime => Provisioning is { } p && ReachedOnline is { } o && o >= p ? o - p : null;

    /// <summary>The provider's destroy, in its slot: deleting to deleted.</summary>
    [JsonIgnore]
    public TimeSpan? DestroyTime => Deleting is { } d && Deleted is { } g && g >= d ? g - d : null;

    /// <summary>
    /// When the job was queued, as precisely as the trace knows. Forges give <see cref="Queued"/> in whole seconds, so the
    /// job was queued within that second and before Hangar stored it (<see cref="Received"/>): the replay takes the
    /// earlier of the two ends, since a webhook arrives in milliseconds, where the whole second would add half a second
    /// to every wait on average. A queued time with a fraction of a second is taken as it is.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? QueueInstant => Queued is { } q && Received is { } r && q.Ticks % TimeSpan.TicksPerSecond == 0 && r >= q
        ? (r - q < TimeSpan.FromSeconds(1) ? r : q + TimeSpan.FromSeconds(1))
        : Queued;
}
