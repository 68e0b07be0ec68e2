using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace Hangar.Server.Tests.Metrics;

/// <summary>
/// The names the OpenTelemetry Prometheus exporter gives an instrument's series: dots (and anything else Prometheus does
/// not allow) become '_', the unit is appended (<c>s</c> as <c>_seconds</c>, <c>By</c> as <c>_bytes</c>; an annotation in
/// braces such as <c>{job}</c> adds nothing), a counter ends in <c>_total</c>, a histogram has <c>_bucket</c>,
/// <c>_sum</c> and <c>_count</c>. <see cref="GrafanaDashboardTests"/> checks this rule against a real scrape.
/// </summary>
internal static partial class PrometheusNames
{
    public enum Kind
    {
        Counter,
        Gauge,
        Histogram,
    }

    public static Kind KindOf(Instrument instrument)
    {
        var type = instrument.GetType().GetGenericTypeDefinition();
        return type == typeof(Counter<>) || type == typeof(ObservableCounter<>) ? Kind.Counter
            : type == typeof(Histogram<>) ? Kind.Histogram
            : Kind.Gauge;
    }

    public static IEnumerable<string> Series(string name, string? unit, Kind kind)
    {
        var baseName = Invalid().Replace(name, "_");
        var suffix = Unit(unit);
        if (suffix.Length > 0 && !baseName.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            baseName += "_" + suffix;
        }

        return kind switch
        {
            Kind.Counter => [baseName.EndsWith("_total", StringComparison.Ordinal) ? baseName : baseName + "_total"],
            Kind.Histogram => [baseName + "_bucket", baseName + "_sum", baseName + "_count"],
            _ => [baseName],
        };
    }

    private static string Unit(string? unit) => unit switch
    {
        null or "" or "1" => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        _ when unit.StartsWith('{') => "",
        _ => Invalid().Replace(Braces().Replace(unit, ""), "_").Trim('_'),
    };

    [GeneratedRegex("[^a-zA-Z0-9_:]")]
    private static partial Regex Invalid();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();
}
