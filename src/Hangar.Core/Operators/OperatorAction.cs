namespace Hangar.Core.Operators;

/// <summary>
/// One write an operator made through the API (a runner removal, a pool override, a job re-check), with who made it:
/// the token's name. Pools and runners show their actions as history; nothing else reads them.
/// </summary>
public sealed record OperatorAction
{
    /// <summary>Order of writing, set by the store (0 before it is stored).</summary>
    public long Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The token's name (<c>config:NAME</c> for a token from the file).</summary>
    public required string Actor { get; init; }

    /// <summary>A short verb: <c>runner.delete</c>, <c>pool.disable</c>, <c>pool.scale</c>, <c>job.recheck</c>...</summary>
    public required string Action { get; init; }

    public string? Pool { get; init; }

    public string? Instance { get; init; }

    /// <summary>The job as <c>forge/id/attempt</c>, for a job's action.</summary>
    public string? Job { get; init; }

    /// <summary>What was asked and what came of it, in words.</summary>
    public required string Detail { get; init; }
}
