using System.Diagnostics.CodeAnalysis;
using Hangar.Core.Jobs;

namespace Hangar.Server.RabbitMq;

/// <summary>What a consumed message turned out to be: a job event, or poison with the reason it goes to the
/// dead-letter queue (<see cref="PoisonKind"/> is the metric's label, <see cref="Reason"/> the detail).</summary>
internal sealed record IntakeDecoding(JobEvent? Event, string? PoisonKind, string? Reason)
{
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(PoisonKind), nameof(Reason))]
    public bool IsEvent => Event is not null;

    public static IntakeDecoding Of(JobEvent jobEvent) => new(jobEvent, null, null);

    public static IntakeDecoding Poison(string kind, string reason) => new(null, kind, reason);
}
