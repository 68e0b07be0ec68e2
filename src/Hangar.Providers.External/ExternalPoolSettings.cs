using Hangar.Core.Providers;

namespace Hangar.Providers.External;

/// <summary>The pool settings a GARM external provider receives; any other is a configuration error.</summary>
public static class ExternalPoolSettings
{
    /// <summary>
    /// The GARM contract carries an image and a flavor (the pool's <c>instance_type</c>) and nothing else that shapes the
    /// machine: CPUs, memory and disk come with the flavor. What runs on the machine is Hangar's install script, which
    /// the machine fetches, so the runner's <c>command</c>, <c>env</c> and <c>credential_delivery</c> are Hangar's to
    /// honour; <c>min_stopped</c> is a create, a stop, and a start (see <see cref="ExternalProvider"/>).
    /// </summary>
    public static PoolSettings Honoured { get; } =
        PoolSettings.Image | PoolSettings.InstanceType | PoolSettings.Command | PoolSettings.Env | PoolSettings.CredentialFile | PoolSettings.StoppedTier;
}
