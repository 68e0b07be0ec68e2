namespace Hangar.Forges.Tests.GitHub.Budget;

/// <summary>What one simulated engine loop asked of the forge: calls answered, calls the budget deferred, calls that failed.</summary>
internal sealed class LoopCalls
{
    public int Answered { get; set; }

    public int Deferred { get; set; }

    public List<string> Failures { get; } = [];

    public override string ToString() => $"answered {Answered}, deferred {Deferred}, failed {Failures.Count}";
}
