namespace Hangar.Emulator.Runner.Protocol;

/// <summary>The answer to a job poll that carries a job (<c>GET /_runner/job</c>, 200).</summary>
internal sealed record JobAssignment
{
    public required AssignedJob Job { get; init; }
}
