namespace Hangar.Agent.Protocol;

/// <summary>An archive or a log stream grew past its limit; what was sent so far is discarded.</summary>
public sealed class ArchiveLimitException(string what, long limit)
    : IOException($"{what} is over its limit of {limit} bytes")
{
    public long Limit { get; } = limit;
}
