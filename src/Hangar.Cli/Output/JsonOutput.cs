using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hangar.Cli.Output;

/// <summary>JSON as the API gave it, indented for people and jq alike.</summary>
internal static class JsonOutput
{
    // Relaxed escaping: this is for people and jq, not for embedding in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static void Write(Stream output, JsonElement value)
    {
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            value.WriteTo(writer);
        }

        output.WriteByte((byte)'\n');
        output.Flush();
    }

    public static JsonElement Array(IEnumerable<JsonElement> items) => Build(writer =>
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    });

    /// <summary>An object of named parts (e.g. <c>hangar status</c>'s pools, queue and failures), each as the API gave it.</summary>
    public static JsonElement Object(IEnumerable<(string Name, JsonElement Value)> properties) => Build(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    });

    private static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var doc = JsonDocument.Parse(buffer.ToArray());
        return doc.RootElement.Clone();
    }
}
