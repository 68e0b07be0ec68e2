using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Loading;

/// <summary>
/// Converts one YAML node to a typed value, reporting an error at the node when it cannot. Each returns null after
/// reporting, so callers keep going and every mistake in the file is found in one pass.
/// </summary>
internal static class YamlValues
{
    public const string DurationExamples = "use e.g. 500ms, 30s, 10m, 1h30m, 2d, or a number of seconds";

    /// <summary>An absent value: <c>key:</c>, <c>key: ~</c> or <c>key: null</c>, written plainly.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "a scalar",
    };

    public static string Prefix(string path) => path.Length == 0 ? "" : $"{path}: ";

    public static string? Scalar(ConfigContext context, YamlNode node, string path, string expected)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        context.Error(node.Start, $"{Prefix(path)}expected {expected}, got {Describe(node)}");
        return null;
    }

    public static string? String(ConfigContext context, YamlNode node, string path)
    {
        var value = Scalar(context, node, path, "a string");
        if (value is { Length: 0 })
        {
            context.Error(node.Start, $"{Prefix(path)}must not be empty");
            return null;
        }

        return value;
    }

    public static long? Integer(ConfigContext context, YamlNode node, string path, long min, long max)
    {
        if (Scalar(context, node, path, "an integer") is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            context.Error(node.Start, $"{Prefix(path)}expected an integer, got '{text}'");
            return null;
        }

        if (value < min || value > max)
        {
            context.Error(node.Start, $"{Prefix(path)}{RangeRule(min, max)}, got {value}");
            return null;
        }

        return value;
    }

    public static double? PositiveNumber(ConfigContext context, YamlNode node, string path)
    {
        if (Scalar(context, node, path, "a number") is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            context.Error(node.Start, $"{Prefix(path)}expected a number, got '{text}'");
            return null;
        }

        if (value <= 0)
        {
            context.Error(node.Start, $"{Prefix(path)}must be greater than 0, got {text}");
            return null;
        }

        return value;
    }

    public static bool? Boolean(ConfigContext context, YamlNode node, string path)
    {
        var text = Scalar(context, node, path, "true or false");
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        context.Error(node.Start, $"{Prefix(path)}expected true or false, got '{text}'");
        return null;
    }

    public static TimeSpan? Duration(ConfigContext context, YamlNode node, string path, bool allowZero)
    {
        if (Scalar(context, node, path, "a duration") is not { } text)
        {
            return null;
        }

        if (!DurationParser.TryParse(text, out var value))
        {
            context.Error(node.Start, $"{Prefix(path)}'{text}' is not a duration; {DurationExamples}");
            return null;
        }

        if (value == TimeSpan.Zero && !allowZero)
        {
            context.Error(node.Start, $"{Prefix(path)}must be longer than 0");
            return null;
        }

        return value;
    }

    /// <summary>An absolute URL with one of <paramref name="schemes"/>. The value is not echoed: it may carry credentials.</summary>
    public static string? Url(ConfigContext context, YamlNode node, string path, params string[] schemes)
    {
        if (String(context, node, path) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme, StringComparer.Ordinal))
        {
            var allowed = string.Join(" or ", schemes.Select(s => $"{s}://"));
            context.Error(node.Start, $"{Prefix(path)}expected an absolute {allowed} URL");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            context.Error(node.Start, $"{Prefix(path)}must not contain credentials; secrets are never inline");
            return null;
        }

        return text;
    }

    public static string? Matching(ConfigContext context, YamlNode node, string path, System.Text.RegularExpressions.Regex pattern, string rule)
    {
        if (String(context, node, path) is not { } text)
        {
            return null;
        }

        if (!pattern.IsMatch(text))
        {
            context.Error(node.Start, $"{Prefix(path)}'{text}' is not valid: {rule}");
            return null;
        }

        return text;
    }

    public static string? OneOf(ConfigContext context, YamlNode node, string path, params string[] allowed)
    {
        if (String(context, node, path) is not { } text)
        {
            return null;
        }

        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            var choices = string.Join(", ", allowed.Select(a => $"'{a}'"));
            context.Error(node.Start, $"{Prefix(path)}'{text}' is not one of {choices}{KeySuggestions.DidYouMean(text, allowed)}");
            return null;
        }

        return text;
    }

    public static IReadOnlyList<string>? StringList(ConfigContext context, YamlNode node, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            context.Error(node.Start, $"{Prefix(path)}expected a list of strings, got {Describe(node)}");
            return null;
        }

        var items = new List<string>();
        var ok = true;
        var index = 0;
        foreach (var item in sequence)
        {
            if (String(context, item, $"{path}[{index++}]") is { } value)
            {
                items.Add(value);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? items : null;
    }

    public static IReadOnlyDictionary<string, string>? StringMap(ConfigContext context, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            context.Error(node.Start, $"{Prefix(path)}expected a mapping of names to strings, got {Describe(node)}");
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = Matching(context, keyNode, path, ConfigPatterns.EnvironmentVariable(), "a variable name is letters, digits and '_', not starting with a digit");
            var value = IsNull(valueNode) ? "" : Scalar(context, valueNode, key is null ? path : $"{path}.{key}", "a string");
            if (key is null || value is null)
            {
                ok = false;
                continue;
            }

            map[key] = value;
        }

        return ok ? map : null;
    }

    private static string RangeRule(long min, long max) => max >= int.MaxValue
        ? min == 1 ? "must be greater than 0" : $"must be at least {min}"
        : $"must be between {min} and {max}";
}
