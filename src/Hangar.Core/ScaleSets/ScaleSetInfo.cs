namespace Hangar.Core.ScaleSets;

public sealed record ScaleSetInfo(long Id, string Name, long RunnerGroupId);
