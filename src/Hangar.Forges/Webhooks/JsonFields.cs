using System.Text.Json;

namespace Hangar.Forges.Webhooks;

/// <summary>Typed reads of a webhook's JSON fields that name the offending field when its type is wrong.
/// Absent and <c>null</c> are the same to an optional field.</summary>
internal static class JsonFields
{
    public static JsonElement RequiredObject(JsonElement parent, string name, string path) =>
        OptionalObject(parent, name, path) ?? throw Missing(path);

    public static JsonElement? OptionalObject(JsonElement parent, string name, string path) =>
        Get(parent, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Object } value => value,
            { } value => throw WrongType(path, "an object", value),
        };

    public static string RequiredString(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path) ?? throw Missing(path);

    public static string? OptionalString(JsonElement? parent, string name, string path) =>
        parent is not { } element
            ? null
            : Get(element, name) switch
            {
                null => null,
                { ValueKind: JsonValueKind.String } value => value.GetString(),
                { } value => throw WrongType(path, "a string", value),
            };

    public static long RequiredInt64(JsonElement parent, string name, string path) =>
        OptionalInt64(parent, name, path) ?? throw Missing(path);

    public static long? OptionalInt64(JsonElement parent, string name, string path) =>
        Get(parent, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
            { } value => throw WrongType(path, "an integer", value),
        };

    public static DateTimeOffset? OptionalTimestamp(JsonElement parent, string name, string path) =>
        Get(parent, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value when value.TryGetDateTimeOffset(out var timestamp) => timestamp,
            { } value => throw WrongType(path, "an ISO 8601 timestamp", value),
        };

    public static IReadOnlyList<string> RequiredStringArray(JsonElement parent, string name, string path)
    {
        var array = Get(parent, name) switch
        {
            null => throw Missing(path),
            { ValueKind: JsonValueKind.Array } value => value,
            { } value => throw WrongType(path, "an array", value),
        };

        var items = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw WrongType($"{path}[{items.Count}]", "a string", item));
        }

        return items;
    }

    private static JsonElement? Get(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static PayloadFormatException Missing(string path) => new($"{path} is missing");

    private static PayloadFormatException WrongType(string path, string expected, JsonElement actual) => WrongType(path, expected, actual.ValueKind);

    public static PayloadFormatException WrongType(string path, string expected, JsonValueKind actual) =>
        new($"{path} must be {expected}, not {Describe(actual)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string (or one of the wrong form)",
        JsonValueKind.Number => "a number (or one out of range)",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString(),
    };
}
