namespace Hangar.Core.Forges;

public sealed record RunnerRequest(string Name, IReadOnlyList<string> Labels, string? RunnerGroup, string WorkFolder = "_work")
{
    /// <summary>
    /// Whether the forge adds the labels its own runner registration would add (GitHub: <c>self-hosted</c>, which a JIT
    /// registration does not add by itself). False registers exactly <see cref="Labels"/> (a pool's <c>implicit_labels: false</c>).
    /// </summary>
    public bool ImplicitLabels { get; init; } = true;

    /// <summary>The runner scale set to register in (its JIT config then comes from the scale set's endpoint and the
    /// runner carries the set's labels); null for a plain JIT runner.</summary>
    public string? ScaleSet { get; init; }
}
