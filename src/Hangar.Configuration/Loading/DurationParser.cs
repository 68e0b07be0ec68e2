using System.Globalization;

namespace Hangar.Configuration.Loading;

/// <summary>
/// Parses Go-style durations (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>12h</c>, <c>1h30m</c>, <c>2d</c>) and bare
/// integers as seconds. Units must go from largest to smallest, each at most once, so <c>30s10m</c> is refused as the
/// likely typo it is.
/// </summary>
public static class DurationParser
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("d", TimeSpan.TicksPerDay),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
        ("ms", TimeSpan.TicksPerMillisecond),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length == 0)
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryMultiply(seconds, TimeSpan.TicksPerSecond, 0, out duration);
        }

        long total = 0;
        var nextUnit = 0;
        var position = 0;
        while (position < text.Length)
        {
            var digitsStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            var unitStart = position;
            while (position < text.Length && char.IsAsciiLetterLower(text[position]))
            {
                position++;
            }

            if (digitsStart == unitStart || unitStart == position)
            {
                return false;
            }

            var unit = Array.FindIndex(Units, nextUnit, u => u.Unit.AsSpan().SequenceEqual(text.AsSpan(unitStart, position - unitStart)));
            if (unit < 0
                || !long.TryParse(text.AsSpan(digitsStart, unitStart - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
                || !TryMultiply(amount, Units[unit].Ticks, total, out var sum))
            {
                return false;
            }

            total = sum.Ticks;
            nextUnit = unit + 1;
        }

        duration = TimeSpan.FromTicks(total);
        return true;
    }

    private static bool TryMultiply(long amount, long ticksPerUnit, long add, out TimeSpan result)
    {
        try
        {
            result = TimeSpan.FromTicks(checked((amount * ticksPerUnit) + add));
            return true;
        }
        catch (OverflowException)
        {
            result = default;
            return false;
        }
    }
}
