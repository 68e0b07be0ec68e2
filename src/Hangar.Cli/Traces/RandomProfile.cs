namespace Hangar.Cli.Traces;

/// <summary>
/// Busy spells at random: a two-state Markov-modulated Poisson process. Pushes arrive at a calm rate, and at random
/// moments — a release, a merge queue draining, a storm of reruns — switch to a busy rate for a while. Each state lasts
/// an exponential time. The parameters and why they were chosen are in docs/scheduling.md ("Traces"): the long-run mean
/// is the <c>poisson</c> profile's 12 pushes per hour, so the two differ only in how bursty they are.
/// </summary>
internal sealed class RandomProfile : TraceProfile
{
    public const double CalmPushesPerHour = 8.4;
    public const double BusyPushesPerHour = 33.6;
    public static readonly TimeSpan CalmSpell = TimeSpan.FromHours(3);
    public static readonly TimeSpan BusySpell = TimeSpan.FromMinutes(30);

    // Moments the state flips, from the start; the first state is drawn from the stationary distribution.
    private readonly List<DateTimeOffset> _switches = [];
    private bool _busyFirst;

    public override string Name => "random";

    public override double PeakPushesPerHour => BusyPushesPerHour;

    /// <summary>Draws the spells from their own stream of the seed, so the pushes' draws are those of any other profile
    /// and a trace at another scale has the same busy spells.</summary>
    public override void Begin(int seed, DateTimeOffset start, TimeSpan span)
    {
        var random = new Random(unchecked((seed * 397) ^ 0x4d4d5050));
        _switches.Clear();
        _busyFirst = random.NextDouble() < BusySpell / (BusySpell + CalmSpell);
        var busy = _busyFirst;
        var at = start;
        while (at < start + span)
        {
            var mean = busy ? BusySpell : CalmSpell;
            at += mean * -Math.Log(1.0 - random.NextDouble());
            _switches.Add(at);
            busy = !busy;
        }
    }

    public override double PushesPerHour(DateTimeOffset at) => IsBusy(at) ? BusyPushesPerHour : CalmPushesPerHour;

    /// <summary>The moments the state flips, in order (for the simulator's per-spell figures).</summary>
    public IReadOnlyList<DateTimeOffset> Switches => _switches;

    /// <summary>Whether <paramref name="at"/> falls in a busy spell (the calm state before <see cref="Begin"/>).</summary>
    public bool IsBusy(DateTimeOffset at)
    {
        var index = _switches.BinarySearch(at);
        var flips = index >= 0 ? index + 1 : ~index;
        return _switches.Count > 0 && ((flips % 2 == 0) == _busyFirst);
    }
}
