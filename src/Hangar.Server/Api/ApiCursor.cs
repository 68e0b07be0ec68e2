using System.Buffers.Text;
using System.Text.Json;
using Hangar.Core.Access;
using Hangar.Core.Storage;

namespace Hangar.Server.Api;

/// <summary>
/// Cursors as clients see them: opaque strings (base64url of a small JSON array: the list's kind, then the sort key of
/// the page's last row). Opaque so the encoding may change; tagged with the list so a cursor from one list given to
/// another is refused rather than silently misread. A cursor holds nothing secret and positions a read only.
/// </summary>
internal static class ApiCursor
{
    private const string Runners = "runners";
    private const string Jobs = "jobs";
    private const string Transitions = "transitions";
    private const string Pools = "pools";
    private const string Flavors = "flavors";
    private const string Tokens = "tokens";
    private const string Actions = "actions";

    public static string Encode(InstanceCursor cursor) =>
        Write(Runners, w =>
        {
            w.WriteNumberValue(cursor.CreatedAt.ToUnixTimeMilliseconds());
            w.WriteStringValue(cursor.Name);
        });

    public static string Encode(JobCursor cursor) =>
        Write(Jobs, w =>
        {
            w.WriteNumberValue(cursor.QueuedAt.ToUnixTimeMilliseconds());
            w.WriteNumberValue(cursor.Id);
            w.WriteStringValue(cursor.Forge);
            w.WriteNumberValue(cursor.Attempt);
        });

    public static string EncodeTransition(long sequence) => Write(Transitions, w => w.WriteNumberValue(sequence));

    public static string EncodeAction(long sequence) => Write(Actions, w => w.WriteNumberValue(sequence));

    public static string EncodePool(string name) => Write(Pools, w => w.WriteStringValue(name));

    public static string EncodeFlavor(string name) => Write(Flavors, w => w.WriteStringValue(name));

    public static string Encode(ApiTokenCursor cursor) =>
        Write(Tokens, w =>
        {
            w.WriteNumberValue(cursor.CreatedAt.ToUnixTimeMilliseconds());
            w.WriteStringValue(cursor.Id);
        });

    public static bool TryDecodeFlavor(string text, out string? name)
    {
        name = Read(text, Flavors, 1) is [{ ValueKind: JsonValueKind.String } value] ? value.GetString() : null;
        return name is not null;
    }

    public static bool TryDecode(string text, out ApiTokenCursor? cursor)
    {
        cursor = Read(text, Tokens, 2) is [var at, { ValueKind: JsonValueKind.String } id] && TryTime(at, out var time)
            ? new ApiTokenCursor(time, id.GetString()!)
            : null;
        return cursor is not null;
    }

    public static bool TryDecode(string text, out InstanceCursor? cursor)
    {
        cursor = Read(text, Runners, 2) is [var at, var name] && TryTime(at, out var time) && name.ValueKind == JsonValueKind.String
            ? new InstanceCursor(time, name.GetString()!)
            : null;
        return cursor is not null;
    }

    public static bool TryDecode(string text, out JobCursor? cursor)
    {
        cursor = Read(text, Jobs, 4) is [var at, var id, var forge, var attempt]
            && TryTime(at, out var time) && TryInt64(id, out var jobId) && forge.ValueKind == JsonValueKind.String
            && TryInt64(attempt, out var number)
            ? new JobCursor(time, jobId, forge.GetString()!, number)
            : null;
        return cursor is not null;
    }

    public static bool TryDecodeTransition(string text, out long sequence) => TryDecodeSequence(text, Transitions, out sequence);

    public static bool TryDecodeAction(string text, out long sequence) => TryDecodeSequence(text, Actions, out sequence);

    private static bool TryDecodeSequence(string text, string kind, out long sequence)
    {
        sequence = 0;
        return Read(text, kind, 1) is [var value] && TryInt64(value, out sequence);
    }

    public static bool TryDecodePool(string text, out string? name)
    {
        name = Read(text, Pools, 1) is [{ ValueKind: JsonValueKind.String } value] ? value.GetString() : null;
        return name is not null;
    }

    private static string Write(string kind, Action<Utf8JsonWriter> key)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(kind);
            key(writer);
            writer.WriteEndArray();
        }

        return Base64Url.EncodeToString(buffer.ToArray());
    }

    /// <summary>The key's values when <paramref name="text"/> is a well-formed cursor of <paramref name="kind"/>, else null.</summary>
    private static JsonElement[]? Read(string text, string kind, int count)
    {
        try
        {
            using var doc = JsonDocument.Parse(Base64Url.DecodeFromChars(text));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != count + 1
                || root[0].ValueKind != JsonValueKind.String || root[0].GetString() != kind)
            {
                return null;
            }

            return [.. root.EnumerateArray().Skip(1).Select(e => e.Clone())];
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static bool TryTime(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        if (!TryInt64(value, out var ms) || ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    /// <summary>A JSON integer; false (rather than an exception) for anything else a crafted cursor may hold.</summary>
    private static bool TryInt64(JsonElement value, out long number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out number);
    }
}
