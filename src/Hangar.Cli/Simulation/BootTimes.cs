using System.Globalization;

namespace Hangar.Cli.Simulation;

/// <summary>
/// How long a pool's runners take from create to online in a replay: drawn from the boot times of the trace's own
/// instances when it has them, else from what was given (<c>30s</c>, or <c>20s..45s</c> for a uniform spread).
/// </summary>
internal sealed class BootTimes
{
    private readonly TimeSpan[] _samples;
    private readonly TimeSpan _from;
    private readonly TimeSpan _to;

    private BootTimes(TimeSpan[] samples, TimeSpan from, TimeSpan to)
    {
        _samples = samples;
        _from = from;
        _to = to;
    }

    public static BootTimes Observed(IReadOnlyList<TimeSpan> samples) => new([.. samples.Order()], default, default);

    public static BootTimes Uniform(TimeSpan from, TimeSpan to) => new([], from, to);

    /// <summary>The median: "the pool's boot time" the figures are judged against.</summary>
    public TimeSpan Median => _samples.Length > 0 ? _samples[_samples.Length / 2] : (_from + _to) / 2;

    public TimeSpan Draw(Random random) => _samples.Length > 0
        ? _samples[random.Next(_samples.Length)]
        : _from + ((_to - _from) * random.NextDouble());

    public override string ToString() => _samples.Length > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{_samples.Length} observed, median {Median.TotalSeconds:0.#}s")
        : _from == _to ? string.Create(CultureInfo.InvariantCulture, $"{_from.TotalSeconds:0.#}s")
        : string.Create(CultureInfo.InvariantCulture, $"{_from.TotalSeconds:0.#}s..{_to.TotalSeconds:0.#}s");

    /// <summary>Parses <c>30s</c> or <c>20s..45s</c> (durations as in the configuration).</summary>
    public static bool TryParse(string text, out BootTimes? boot)
    {
        boot = null;
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || !Configuration.Loading.DurationParser.TryParse(parts[0], out var from))
        {
            return false;
        }

        var to = from;
        if (parts.Length == 2 && (!Configuration.Loading.DurationParser.TryParse(parts[1], out to) || to < from))
        {
            return false;
        }

        boot = Uniform(from, to);
        return true;
    }
}
