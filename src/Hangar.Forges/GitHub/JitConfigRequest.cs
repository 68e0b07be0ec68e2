namespace Hangar.Forges.GitHub;

internal sealed record JitConfigRequest(string Name, long RunnerGroupId, IReadOnlyList<string> Labels, string WorkFolder);
