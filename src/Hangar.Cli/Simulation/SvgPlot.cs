using System.Globalization;
using System.Text;

namespace Hangar.Cli.Simulation;

/// <summary>
/// The plot of one replay (docs/scheduling.md, "Reading the plot"): three panels over the same time axis — demand (jobs
/// queued per minute), supply by phase (runners busy, idle and booting, stacked) and queue wait (the longest and the
/// mean wait of the jobs started in each bucket).
/// </summary>
internal static class SvgPlot
{
    private const int Width = 1200;
    private const int Left = 70;
    private const int Right = 20;
    private const int PanelHeight = 200;
    private const int Gap = 50;
    private const int Top = 58;

    public static string Render(SimulationRun run, string title)
    {
        var t = run.Timeline;
        var perMinute = t.Arrivals.Select(a => a / t.BucketMinutes).ToArray();
        var booting = t.Booting;
        var idle = t.Idle.Select((v, i) => v + booting[i]).ToArray();
        var busy = t.Busy.Select((v, i) => v + idle[i]).ToArray();
        var meanWait = t.WaitSum.Select((s, i) => t.Started[i] > 0 ? s / t.Started[i] : 0).ToArray();
        var svg = new StringBuilder();
        var height = Top + (3 * (PanelHeight + Gap));
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        svg.Append(Inv($"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>"));

        var y = Top;
        Panel(svg, t, y, "demand: jobs queued per minute", perMinute.Max(), [(perMinute, "#1f77b4", "queued/min")]);
        y += PanelHeight + Gap;
        Panel(svg, t, y, "supply by phase: runners (stacked)", busy.Max(),
            [(busy, "#2ca02c", "busy"), (idle, "#ff7f0e", "idle"), (booting, "#9467bd", "booting")], fill: true);
        y += PanelHeight + Gap;
        Panel(svg, t, y, "queue wait of jobs started (seconds)", t.MaxWait.Max(), [(t.MaxWait, "#d62728", "longest"), (meanWait, "#7f7f7f", "mean")]);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, Timeline t, int top, string label, double max, (double[] Values, string Color, string Name)[] series, bool fill = false)
    {
        var scale = NiceCeiling(max);
        var plotWidth = Width - Left - Right;
        svg.Append(Inv($"<text x=\"{Left}\" y=\"{top - 8}\" font-weight=\"bold\">{Escape(label)}</text>"));
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#ccc\"/>"));
        for (var g = 0; g <= 4; g++)
        {
            var gy = top + PanelHeight - (g * PanelHeight / 4.0);
            svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{gy:0.#}\" y2=\"{gy:0.#}\" stroke=\"#eee\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{gy + 4:0.#}\" text-anchor=\"end\">{scale * g / 4:0.##}</text>"));
        }

        DayTicks(svg, t, top, plotWidth);
        var legendX = Left + plotWidth - 10;
        foreach (var (values, color, name) in series)
        {
            var points = new StringBuilder();
            for (var i = 0; i < t.Count; i++)
            {
                var x = Left + (plotWidth * (i + 0.5) / t.Count);
                var v = top + PanelHeight - (PanelHeight * values[i] / scale);
                points.Append(Inv($"{x:0.#},{v:0.#} "));
            }

            if (fill)
            {
                svg.Append(Inv($"<polygon points=\"{Left},{top + PanelHeight} {points}{Left + plotWidth},{top + PanelHeight}\" fill=\"{color}\" fill-opacity=\"0.85\"/>"));
            }
            else
            {
                svg.Append(Inv($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.2\"/>"));
            }

            svg.Append(Inv($"<text x=\"{legendX}\" y=\"{top + 16}\" text-anchor=\"end\" fill=\"{color}\">{Escape(name)}</text>"));
            legendX -= 8 * (name.Length + 2);
        }
    }

    private static void DayTicks(StringBuilder svg, Timeline t, int top, int plotWidth)
    {
        var totalMinutes = t.Count * t.BucketMinutes;
        var firstDay = new DateTimeOffset(t.Start.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        var every = totalMinutes > 20 * 1440 ? 7 : 1;
        for (var day = firstDay; (day - t.Start).TotalMinutes < totalMinutes; day = day.AddDays(every))
        {
            var x = Left + (plotWidth * (day - t.Start).TotalMinutes / totalMinutes);
            svg.Append(Inv($"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{top}\" y2=\"{top + PanelHeight}\" stroke=\"#ddd\"/>"));
            svg.Append(Inv($"<text x=\"{x:0.#}\" y=\"{top + PanelHeight + 14}\" text-anchor=\"middle\" fill=\"#555\">{day:ddd dd MMM}</text>"));
        }
    }

    private static double NiceCeiling(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(c => c >= max);
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
