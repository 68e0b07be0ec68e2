using System.Globalization;

namespace Hangar.Configuration.Loading;

/// <summary>Parses a share written <c>15%</c> or <c>0.15</c>, from 0 to 1 (a policy's <c>idle_budget</c>, <c>coverage</c>).</summary>
public static class ShareParser
{
    public static bool TryParse(string text, out double share)
    {
        var percent = text.EndsWith('%');
        share = 0;
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        value = percent ? value / 100 : value;
        if (value is not (>= 0 and <= 1))
        {
            return false;
        }

        share = value;
        return true;
    }
}
