namespace Hangar.Server.Api;

/// <summary>One operator write, as a pool's history shows it.</summary>
internal sealed record OperatorActionView(long Sequence, DateTimeOffset At, string Actor, string Action, string? Pool, string? Runner, string? Job, string Detail);
