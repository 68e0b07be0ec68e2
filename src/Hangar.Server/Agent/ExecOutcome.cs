namespace Hangar.Server.Agent;

/// <summary>How a task ended: its exit code, the agent's error (empty when it ran), the files it changed and deleted.</summary>
public sealed record ExecOutcome(int ExitCode, string Error, IReadOnlyList<string> Changed, IReadOnlyList<string> Deleted);
