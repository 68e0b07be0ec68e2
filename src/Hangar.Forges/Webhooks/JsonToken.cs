using System.Text.Json;

namespace Hangar.Forges.Webhooks;

/// <summary>
/// One JSON value found by a single <see cref="Utf8JsonReader"/> pass over a webhook body, kept as its raw bytes (a
/// slice of the body, nothing copied) and decoded only if a reader asks for it. Containers keep their kind only; their
/// fields are recorded separately by the pass. A JSON <c>null</c> is never a token: it reads as absent.
/// </summary>
internal readonly struct JsonToken
{
    private readonly ReadOnlyMemory<byte> _raw;

    private JsonToken(JsonValueKind kind, ReadOnlyMemory<byte> raw)
    {
        Kind = kind;
        _raw = raw;
    }

    public JsonValueKind Kind { get; }

    /// <summary>The value the reader stands on (its body is <paramref name="body"/>, read from the start as one
    /// segment), or null for a JSON null. The reader stays where it is: a container is still to be read or skipped.</summary>
    public static JsonToken? At(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.StartObject => new JsonToken(JsonValueKind.Object, default),
        JsonTokenType.StartArray => new JsonToken(JsonValueKind.Array, default),
        JsonTokenType.True => new JsonToken(JsonValueKind.True, default),
        JsonTokenType.False => new JsonToken(JsonValueKind.False, default),
        // A string's token starts at its opening quote; its value span holds the raw (still escaped) bytes between quotes.
        JsonTokenType.String => new JsonToken(JsonValueKind.String, body.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2)),
        JsonTokenType.Number => new JsonToken(JsonValueKind.Number, body.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length)),
        _ => throw new InvalidOperationException($"no JSON value at a {reader.TokenType} token"),
    };

    /// <summary>The string, unescaped. Throws <see cref="InvalidOperationException"/> for an escape that is not valid
    /// UTF-16 (a lone surrogate), as <see cref="JsonElement.GetString"/> does.</summary>
    public string? GetString()
    {
        if (Kind != JsonValueKind.String)
        {
            return null;
        }

        var reader = Reread();
        return reader.GetString();
    }

    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (Kind != JsonValueKind.Number)
        {
            return false;
        }

        var reader = Reread();
        return reader.TryGetInt64(out value);
    }

    public bool TryGetDateTimeOffset(out DateTimeOffset value)
    {
        value = default;
        if (Kind != JsonValueKind.String)
        {
            return false;
        }

        var reader = Reread();
        return reader.TryGetDateTimeOffset(out value);
    }

    /// <summary>The raw bytes of a string or a number are a complete JSON document of their own.</summary>
    private Utf8JsonReader Reread()
    {
        var reader = new Utf8JsonReader(_raw.Span);
        reader.Read();
        return reader;
    }
}
