namespace Hangar.Core.ScaleSets;

/// <summary>One <c>RunnerScaleSetJobMessages</c> message: its statistics and its job messages (at most 50).</summary>
public sealed record ScaleSetMessage(long MessageId, ScaleSetStatistics Statistics, IReadOnlyList<ScaleSetJobMessage> Jobs);
