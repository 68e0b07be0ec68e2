namespace Hangar.Core.ScaleSets;

/// <summary>A message session. The queue token is a secret: never printed.</summary>
public sealed record ScaleSetSession
{
    public required ScaleSetSpec ScaleSet { get; init; }

    public required long ScaleSetId { get; init; }

    public required Guid SessionId { get; init; }

    public required string OwnerName { get; init; }

    /// <summary>On another host than the service (reference section 6.2): taken from the session, never built.</summary>
    public required Uri MessageQueueUrl { get; init; }

    public required string MessageQueueAccessToken { get; init; }

    public ScaleSetStatistics? Statistics { get; init; }

    public override string ToString() => $"ScaleSetSession {{ ScaleSet = {ScaleSet.Name} ({ScaleSetId}), SessionId = {SessionId}, MessageQueueUrl = {MessageQueueUrl} }}";
}
