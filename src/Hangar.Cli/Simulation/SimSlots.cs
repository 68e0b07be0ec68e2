namespace Hangar.Cli.Simulation;

/// <summary>
/// The actuator's provider slots in a replay (Engine's <c>ProviderSlots</c>): at most <c>max_concurrency</c> creates and
/// destroys at a provider at once, whoever asks; the others wait in the order they asked.
/// </summary>
internal sealed class SimSlots(Func<string, int> capacity)
{
    private readonly Dictionary<string, (int InUse, Queue<SlotWork> Waiting)> _providers = new(StringComparer.Ordinal);

    /// <summary>True when a slot was free and is now <paramref name="work"/>'s; otherwise it waits its turn.</summary>
    public bool TryTake(SlotWork work)
    {
        var provider = work.Runner.Provider;
        var (inUse, waiting) = _providers.TryGetValue(provider, out var entry) ? entry : (0, new Queue<SlotWork>());
        if (inUse < capacity(provider))
        {
            _providers[provider] = (inUse + 1, waiting);
            return true;
        }

        waiting.Enqueue(work);
        _providers[provider] = (inUse, waiting);
        return false;
    }

    /// <summary>Gives the slot up: to the longest waiting work, which is returned (it starts now), or back to the provider.</summary>
    public SlotWork? Release(string provider)
    {
        var (inUse, waiting) = _providers[provider];
        if (waiting.TryDequeue(out var next))
        {
            return next;
        }

        _providers[provider] = (inUse - 1, waiting);
        return null;
    }
}
