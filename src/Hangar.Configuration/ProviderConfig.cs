namespace Hangar.Configuration;

public sealed record ProviderConfig
{
    public required string Name { get; init; }

    /// <summary><c>docker</c> or <c>process</c>.</summary>
    public required string Type { get; init; }

    /// <summary>At most this many provider calls (create/delete) at once.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Docker: engine endpoint, default the local socket.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Process: where runners' work directories go; default <c>{data_dir}/process</c>.</summary>
    public string? WorkDir { get; init; }
}
