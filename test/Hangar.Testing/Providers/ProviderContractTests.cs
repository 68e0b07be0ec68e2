using Hangar.Core.Providers;

namespace Hangar.Testing.Providers;

/// <summary>
/// What every <see cref="IProvider"/> must do, whatever it runs machines on. A provider's test class derives from this
/// and says how to make the provider, a runnable spec, and how to look at machines from outside (without the
/// provider); the suite talks to the provider only through <see cref="IProvider"/>. Optional parts run only when the
/// provider claims them in <see cref="IProvider.Capabilities"/>, and are reported as skipped otherwise.
/// </summary>
public abstract partial class ProviderContractTests : IAsyncLifetime
{
    /// <summary>Long enough to outlive any test, and quick to end on SIGTERM even as a container's pid 1.</summary>
    protected const string LongRunning = "trap 'exit 0' TERM; sleep 300 & wait";

    /// <summary>How long a runner may take to do what it was asked. A software-emulated VM boots its kernel first, on
    /// CPUs shared with the rest of the suite, so a VM provider's tests wait longer.</summary>
    protected virtual TimeSpan Patience => TimeSpan.FromSeconds(30);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>This test's controller id. Every provider the test makes with it sees the same machines.</summary>
    protected string ControllerId { get; } = NewControllerId();

    protected static string NewControllerId() => $"ctl-{Guid.NewGuid():N}"[..16];

    protected static string UniqueName() => $"hangar-t-{Guid.NewGuid():N}"[..22];

    /// <summary>A new provider object for <paramref name="controllerId"/>, as a restarted Hangar would make it. The
    /// derived class removes everything made under the controller ids it was given when the test ends.</summary>
    protected abstract IProvider NewProvider(string controllerId);

    /// <summary>A spec for runner <paramref name="name"/> that runs <paramref name="script"/> with <c>sh -c</c> in its
    /// working directory.</summary>
    protected abstract RunnerSpec Spec(string name, string pool, string script);

    /// <summary>What exists outside the provider for <paramref name="controllerId"/>: the names of its machines in
    /// any state, and anything a failed create could have left behind.</summary>
    protected abstract Task<IReadOnlyList<string>> MachinesOutsideAsync(string controllerId);

    /// <summary>Whether the machine's runner runs, as seen from outside the provider.</summary>
    protected abstract Task<bool> RunsOutsideAsync(string name);

    /// <summary>A file the runner wrote in its working directory, or null when there is none (yet).</summary>
    protected abstract Task<string?> ReadOutputAsync(string name, string file);

    /// <summary>A copy of <paramref name="spec"/> this provider cannot create (no such image, no such executable), and
    /// the name of what is missing, which every error about it must mention.</summary>
    protected abstract (RunnerSpec Spec, string Missing) Unrunnable(RunnerSpec spec);

    /// <summary>
    /// The instance token runner <paramref name="name"/> is to be given. Most providers hand the runner whatever they
    /// are given; a provider whose machines present the token to Hangar to fetch their credential (a GARM external
    /// provider) needs one Hangar issued, and must return the same one for a name its <see cref="Spec(string, string, string)"/>
    /// already gave a token. The credential tests check that the runner got exactly this one, however it is delivered.
    /// </summary>
    protected virtual Task<string> IssueInstanceTokenAsync(string name) => Task.FromResult(Token);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected IProvider NewProvider() => NewProvider(ControllerId);

    protected RunnerSpec Spec(string pool = "pool-a") => Spec(UniqueName(), pool, LongRunning);

    /// <summary>Waits until the runner wrote <paramref name="expected"/> to <paramref name="file"/> (trimmed).</summary>
    protected Task OutputAsync(string name, string file, string expected) =>
        Poll.UntilAsync(
            async () => (await ReadOutputAsync(name, file))?.Trim() == expected,
            Patience,
            $"runner {name} to write '{expected}' to {file}",
            Ct);

    protected static void SkipUnless(IProvider provider, ProviderCapabilities capability) =>
        Assert.SkipUnless(provider.Capabilities.HasFlag(capability), $"provider {provider.Name} does not claim {capability}");
}
