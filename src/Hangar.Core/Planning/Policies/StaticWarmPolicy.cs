namespace Hangar.Core.Planning.Policies;

/// <summary><c>static</c>: always <c>min_idle</c> warm runners (the default when a pool names no policy).</summary>
public sealed record StaticWarmPolicy : WarmPolicy
{
    public static StaticWarmPolicy Instance { get; } = new();

    public override string Type => "static";
}
