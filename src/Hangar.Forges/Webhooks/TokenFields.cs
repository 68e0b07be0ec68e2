using System.Text.Json;

namespace Hangar.Forges.Webhooks;

/// <summary>The typed reads of <see cref="JsonFields"/> over values found by a single pass (<see cref="JsonToken"/>),
/// with the same messages: the offending field by path. Absent and <c>null</c> are the same to an optional field.</summary>
internal static class TokenFields
{
    public static void RequiredObject(JsonToken? value, string path)
    {
        if (!OptionalObject(value, path))
        {
            throw JsonFields.Missing(path);
        }
    }

    /// <summary>True when present (and an object); false when absent.</summary>
    public static bool OptionalObject(JsonToken? value, string path) => value switch
    {
        null => false,
        { Kind: JsonValueKind.Object } => true,
        { } other => throw JsonFields.WrongType(path, "an object", other.Kind),
    };

    public static string RequiredString(JsonToken? value, string path) => OptionalString(value, path) ?? throw JsonFields.Missing(path);

    public static string? OptionalString(JsonToken? value, string path) => value switch
    {
        null => null,
        { Kind: JsonValueKind.String } text => text.GetString(),
        { } other => throw JsonFields.WrongType(path, "a string", other.Kind),
    };

    public static long RequiredInt64(JsonToken? value, string path) => OptionalInt64(value, path) ?? throw JsonFields.Missing(path);

    public static long? OptionalInt64(JsonToken? value, string path) => value switch
    {
        null => null,
        { Kind: JsonValueKind.Number } number when number.TryGetInt64(out var result) => result,
        { } other => throw JsonFields.WrongType(path, "an integer", other.Kind),
    };

    public static DateTimeOffset? OptionalTimestamp(JsonToken? value, string path) => value switch
    {
        null => null,
        { Kind: JsonValueKind.String } text when text.TryGetDateTimeOffset(out var timestamp) => timestamp,
        { } other => throw JsonFields.WrongType(path, "an ISO 8601 timestamp", other.Kind),
    };

    /// <param name="items">The array's items, in order, as the pass found them (nulls included, as null).</param>
    public static IReadOnlyList<string> RequiredStringArray(JsonToken? value, IReadOnlyList<JsonToken?> items, string path)
    {
        switch (value)
        {
            case null:
                throw JsonFields.Missing(path);
            case { Kind: not JsonValueKind.Array } other:
                throw JsonFields.WrongType(path, "an array", other.Kind);
        }

        var strings = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            strings[i] = items[i] is { Kind: JsonValueKind.String } item
                ? item.GetString()!
                : throw JsonFields.WrongType($"{path}[{i}]", "a string", items[i]?.Kind ?? JsonValueKind.Null);
        }

        return strings;
    }
}
