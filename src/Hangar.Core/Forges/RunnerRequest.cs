namespace Hangar.Core.Forges;

public sealed record RunnerRequest(string Name, IReadOnlyList<string> Labels, string? RunnerGroup, string WorkFolder = "_work")
{
    /// <summary>
    /// Whether the forge adds the labels its own runner registration would add (GitHub: <c>self-hosted</c>, which a JIT
    /// registration does not add by itself). False registers exactly <see cref="Labels"/> (a pool's <c>implicit_labels: false</c>).
    /// </summary>
    public bool ImplicitLabels { get; init; } = true;

    /// <summary>
    /// Hand the machine the scope's reusable registration token (Gitea, Forgejo ≤ 14) instead of a registration Hangar
    /// made for it. A pool's explicit opt-in (<c>shared_registration_token: true</c>): whoever reads the machine's
    /// environment can register runners in the scope for as long as the token lives.
    /// </summary>
    public bool SharedRegistrationToken { get; init; }

    /// <summary>The runner scale set to register in (its JIT config then comes from the scale set's endpoint and the
    /// runner carries the set's labels); null for a plain JIT runner.</summary>
    public string? ScaleSet { get; init; }
}
