using Hangar.Core.Providers;

namespace Hangar.Providers.External;

/// <summary>The pool settings a GARM external provider receives; any other is a configuration error.</summary>
public static class ExternalPoolSettings
{
    /// <summary>
    /// The GARM contract carries an image and a flavor (the pool's <c>instance_type</c>) and nothing else that shapes the
    /// machine: CPUs, memory and disk come with the flavor, and the runner is started by Hangar's install script.
    /// </summary>
    public static PoolSettings Honoured { get; } = PoolSettings.Image | PoolSettings.InstanceType;
}
