namespace Hangar.Core.Providers;

/// <summary>
/// Where runners live. Providers know nothing of forges. Every instance a provider makes carries the controller id
/// and pool, so <see cref="ListAsync"/> can find exactly Hangar's own. What a provider can do beyond create, delete,
/// get and list it says in <see cref="Capabilities"/>; callers look there before asking for more.
/// </summary>
public interface IProvider
{
    /// <summary>The provider's configured name.</summary>
    string Name { get; }

    /// <summary>The optional parts of this contract the provider implements.</summary>
    ProviderCapabilities Capabilities => ProviderCapabilities.None;

    /// <summary>Creates and starts the instance. Idempotent by name: if it already exists, returns it unchanged.</summary>
    Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Stops and removes the instance. A no-op when it does not exist.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The instance with that name and this controller id, or null.</summary>
    Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every instance carrying this controller id (and <paramref name="pool"/> when given).</summary>
    Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether <paramref name="spec"/> could be created here now (its image is present, its mount sources exist, ...),
    /// so that a caller can refuse it before minting a credential for a machine that cannot start. Reads only.
    /// Without <see cref="ProviderCapabilities.CreateCheck"/> there is nothing to look at and the check passes.
    /// </summary>
    Task<CreateCheck> CheckCreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default) =>
        Task.FromResult(CreateCheck.Passed);

    /// <summary>
    /// Makes the instance without running it (the stopped tier): a container created and not started, a VM defined with
    /// its disk cloned. <paramref name="spec"/> carries no secret; they come with <see cref="StartAsync"/>, which must
    /// deliver them by file (<see cref="CredentialDelivery.File"/>). Idempotent by name: an existing instance is returned
    /// unchanged, running or not. Needs <see cref="ProviderCapabilities.Prepare"/>.
    /// </summary>
    Task<ProviderInstance> PrepareAsync(RunnerSpec spec, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"provider {Name} cannot make a machine without running it (no {nameof(ProviderCapabilities.Prepare)} capability)");

    /// <summary>
    /// Starts an existing instance of this controller that is not running; a no-op for a running one. Returns the
    /// instance, or null when there is none by that name. <paramref name="secretEnv"/>, when given, replaces the
    /// runner's secret values before it starts (a provider whose environment is fixed at create takes them only for
    /// an instance created with <see cref="CredentialDelivery.File"/>). Needs <see cref="ProviderCapabilities.StartStop"/>,
    /// or <see cref="ProviderCapabilities.Prepare"/> for an instance <see cref="PrepareAsync"/> made.
    /// </summary>
    Task<ProviderInstance?> StartAsync(
        string name, IReadOnlyDictionary<string, string>? secretEnv = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"provider {Name} cannot start an existing machine (no {nameof(ProviderCapabilities.StartStop)} capability)");

    /// <summary>
    /// Stops a running instance of this controller and keeps it (its disk, its directory) so that
    /// <see cref="StartAsync"/> can run it again; a no-op for a stopped one. Returns the instance, or null when there is
    /// none by that name. Needs <see cref="ProviderCapabilities.StartStop"/>.
    /// </summary>
    Task<ProviderInstance?> StopAsync(string name, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"provider {Name} cannot stop a machine and keep it (no {nameof(ProviderCapabilities.StartStop)} capability)");
}
