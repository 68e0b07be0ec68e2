using Hangar.Core.Instances;

namespace Hangar.Core.Storage;

public sealed record InstanceQuery
{
    /// <summary>Only instances in these states; empty means all.</summary>
    public IReadOnlyList<InstanceState> States { get; init; } = [];

    public string? Pool { get; init; }

    public string? Provider { get; init; }

    public int Limit { get; init; } = 100_000;

    /// <summary>Every instance that is not deleted.</summary>
    public static InstanceQuery Live { get; } = new()
    {
        States = Enum.GetValues<InstanceState>().Where(s => s != InstanceState.Deleted).ToArray(),
    };

    public static InstanceQuery All { get; } = new();
}
