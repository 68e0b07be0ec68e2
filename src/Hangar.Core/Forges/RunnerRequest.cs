namespace Hangar.Core.Forges;

public sealed record RunnerRequest(string Name, IReadOnlyList<string> Labels, string? RunnerGroup, string WorkFolder = "_work");
