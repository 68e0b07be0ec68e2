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

    public DateTimeOffset? Started { get; init; }

    public DateTimeOffset? Completed { get; init; }

    /// <summary>Seconds the job runs (generated traces); exported jobs give <see cref="Started"/> and <see cref="Completed"/>.</summary>
    public double? Duration { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Online { get; init; }

    public DateTimeOffset? Deleted { get; init; }

    /// <summary>How long the job ran: its end less its start, else its <see cref="Duration"/>.</summary>
    [JsonIgnore]
    public TimeSpan? RunTime => Started is { } s && Completed is { } c && c >= s ? c - s
        : Duration is { } d and >= 0 ? TimeSpan.FromSeconds(d) : null;

    /// <summary>The instance's boot: created to online.</summary>
    [JsonIgnore]
    public TimeSpan? BootTime => Created is { } c && Online is { } o && o >= c ? o - c : null;
}
