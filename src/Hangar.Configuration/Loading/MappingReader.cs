using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Loading;

/// <summary>
/// Reads one YAML mapping against the keys it may contain. Unknown keys are reported when the reader is made;
/// typed getters return null for an absent value (or after reporting a bad one), so a section can read every key
/// and report every error before it gives up.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    /// <param name="owner">Where "missing key" errors point: the key that names this mapping, so the message lands
    /// on a line the user recognises rather than on the mapping's first child.</param>
    /// <param name="echoUnknownKeys">False where a mistyped key could be a secret pasted in the wrong place.</param>
    public MappingReader(ConfigContext context, YamlMappingNode node, string path, Mark owner, IReadOnlyCollection<string> allowedKeys, bool echoUnknownKeys = true)
    {
        Context = context;
        Path = path;
        Owner = owner;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name } scalar)
            {
                context.Error(key.Start, $"{YamlValues.Prefix(path)}keys must be plain strings");
                continue;
            }

            if (!allowedKeys.Contains(name))
            {
                var shown = echoUnknownKeys ? $" '{name}'" : "";
                context.Error(key.Start, $"{YamlValues.Prefix(path)}unknown key{shown}{KeySuggestions.DidYouMean(name, allowedKeys)}");
                HasUnknownKeys = true;
                continue;
            }

            _entries[name] = (scalar, value);
        }
    }

    public ConfigContext Context { get; }

    public bool HasUnknownKeys { get; }

    public string Path { get; }

    public Mark Owner { get; }

    public string At(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Whether the key is written at all, even with an empty value.</summary>
    public bool IsPresent(string key) => _entries.ContainsKey(key);

    public Mark KeyMark(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key.Start : Owner;

    /// <summary>The value node, or null when the key is absent or its value is empty (<c>~</c>, <c>null</c>, nothing).</summary>
    public YamlNode? Node(string key) =>
        _entries.TryGetValue(key, out var entry) && !YamlValues.IsNull(entry.Value) ? entry.Value : null;

    /// <summary>Reports a required key that is absent (at the owner) or present without a value (at the key).</summary>
    public void Missing(string key, string? because = null)
    {
        var reason = because is null ? "" : $" ({because})";
        if (IsPresent(key))
        {
            Context.Error(KeyMark(key), $"{At(key)}: a value is required{reason}");
        }
        else
        {
            var where = Path.Length == 0 ? "" : $" in {Path}";
            Context.Error(Owner, $"missing required key '{key}'{where}{reason}");
        }
    }

    /// <summary>Reports a key that must not be set in this context (e.g. a sqlite-only key on a postgres store).</summary>
    public void NotAllowed(string key, string reason)
    {
        if (IsPresent(key))
        {
            Context.Error(KeyMark(key), $"{At(key)}: {reason}");
        }
    }

    public string? String(string key, bool required = false) =>
        Read(key, required, (node, path) => YamlValues.String(Context, node, path));

    public string? Matching(string key, Regex pattern, string rule, bool required = false) =>
        Read(key, required, (node, path) => YamlValues.Matching(Context, node, path, pattern, rule));

    public string? OneOf(string key, bool required, params string[] allowed) =>
        Read(key, required, (node, path) => YamlValues.OneOf(Context, node, path, allowed));

    public string? Url(string key, params string[] schemes) =>
        Read(key, false, (node, path) => YamlValues.Url(Context, node, path, schemes));

    /// <summary>A path, made absolute against the config file's directory.</summary>
    public string? FilePath(string key, bool required = false) =>
        Read(key, required, (node, path) => YamlValues.String(Context, node, path) is { } text ? Context.ResolvePath(text) : null);

    public long? Integer(string key, long min = long.MinValue, long max = long.MaxValue, bool required = false) =>
        Read(key, required, (node, path) => YamlValues.Integer(Context, node, path, min, max));

    public double? PositiveNumber(string key) =>
        Read(key, false, (node, path) => YamlValues.PositiveNumber(Context, node, path));

    public bool? Boolean(string key) =>
        Read(key, false, (node, path) => YamlValues.Boolean(Context, node, path));

    public TimeSpan? Duration(string key, bool allowZero = false) =>
        Read(key, false, (node, path) => YamlValues.Duration(Context, node, path, allowZero));

    public IReadOnlyList<string>? StringList(string key, bool required = false) =>
        Read(key, required, (node, path) => YamlValues.StringList(Context, node, path));

    public IReadOnlyDictionary<string, string>? StringMap(string key) =>
        Read(key, false, (node, path) => YamlValues.StringMap(Context, node, path));

    public SecretRef? Secret(string key, string defaultName, bool required = false) =>
        Read(key, required, (node, path) => SecretRefReader.Read(Context, node, path, _entries[key].Key.Start, defaultName));

    /// <summary>A nested mapping, or null when absent, empty or not a mapping (the latter reported).</summary>
    public MappingReader? Mapping(string key, IReadOnlyCollection<string> allowedKeys)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Context.Error(node.Start, $"{At(key)}: expected a mapping, got {YamlValues.Describe(node)}");
            return null;
        }

        return new MappingReader(Context, mapping, At(key), _entries[key].Key.Start, allowedKeys);
    }

    /// <summary>The entries of a mapping of names to things (<c>forges</c>, <c>pools</c>, ...); empty when absent or wrong.</summary>
    public IReadOnlyList<(YamlScalarNode Key, string Name, YamlNode Value)> NamedEntries(string key)
    {
        if (Node(key) is not { } node)
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            Context.Error(node.Start, $"{At(key)}: expected a mapping of names to {key}, got {YamlValues.Describe(node)}");
            return [];
        }

        var entries = new List<(YamlScalarNode, string, YamlNode)>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is YamlScalarNode { Value: { Length: > 0 } name } scalar)
            {
                entries.Add((scalar, name, value));
            }
            else
            {
                Context.Error(keyNode.Start, $"{At(key)}: names must be plain strings");
            }
        }

        return entries;
    }

    /// <summary>A list, or null when absent, empty or not a list (the latter reported).</summary>
    public YamlSequenceNode? Sequence(string key, string itemDescription)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Context.Error(node.Start, $"{At(key)}: expected a list of {itemDescription}, got {YamlValues.Describe(node)}");
            return null;
        }

        return sequence;
    }

    private T? Read<T>(string key, bool required, Func<YamlNode, string, T?> convert)
    {
        if (Node(key) is { } node)
        {
            return convert(node, At(key));
        }

        if (required)
        {
            Missing(key);
        }

        return default;
    }
}
