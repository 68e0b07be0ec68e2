using System.Collections.Concurrent;

namespace Hangar.Core.Providers;

/// <summary>
/// Runner credentials waiting to be fetched by the machines they were minted for, for providers that cannot hand a
/// secret to a machine themselves (GARM external providers: the machine fetches it from Hangar's metadata endpoint with
/// its instance token). In memory only, deliberately: a credential is one-job and short-lived, and after a restart a
/// machine that had not fetched it yet fails its bootstrap and is replaced, which is safer than keeping credentials on
/// disk. Forgotten once the runner reported in or its instance is deleted. Beside them, what the machine is to run
/// (<see cref="InstanceLaunch"/>), which is not secret and is kept until the instance is deleted.
/// </summary>
public sealed class InstanceSecrets
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InstanceLaunch> _launches = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="secretEnv"/> for <paramref name="instance"/>, replacing what an earlier attempt left.</summary>
    public void Hold(string instance, IReadOnlyDictionary<string, string> secretEnv) => _held[instance] = secretEnv;

    /// <summary>The secrets held for <paramref name="instance"/>, or null.</summary>
    public IReadOnlyDictionary<string, string>? Get(string instance) => _held.TryGetValue(instance, out var held) ? held : null;

    /// <summary>Drops what is held for <paramref name="instance"/>; a no-op when nothing is.</summary>
    public void Forget(string instance) => _held.TryRemove(instance, out _);

    /// <summary>Keeps what <paramref name="instance"/>'s machine is to run, replacing what was held. Not secret, and kept
    /// until <see cref="Release"/>: a machine stopped and started again runs it again.</summary>
    public void HoldLaunch(string instance, InstanceLaunch launch) => _launches[instance] = launch;

    /// <summary>What <paramref name="instance"/>'s machine is to run, or null (never held, or Hangar restarted since).</summary>
    public InstanceLaunch? GetLaunch(string instance) => _launches.TryGetValue(instance, out var launch) ? launch : null;

    /// <summary>Drops everything held for <paramref name="instance"/> (its machine is deleted).</summary>
    public void Release(string instance)
    {
        Forget(instance);
        _launches.TryRemove(instance, out _);
    }
}
