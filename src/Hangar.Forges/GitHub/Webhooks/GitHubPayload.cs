using System.Text.Json;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>
/// The fields of a GitHub payload that Hangar reads, found in one forward pass of a <see cref="Utf8JsonReader"/> over
/// the body: no document is built and nothing is copied until a reader decodes a value. The pass still reads every
/// byte, so a body that is not one valid JSON value (nested at most 64 deep, nothing after it) is refused as a whole,
/// as a parsed document would be. Where a key appears twice in one object the last one counts, as
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> has it.
/// </summary>
internal sealed class GitHubPayload
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    private GitHubPayload()
    {
    }

    /// <summary>Why the body is not one JSON value; null when it is.</summary>
    public string? ParseError { get; private init; }

    /// <summary>The body's top-level kind (<see cref="JsonValueKind.Undefined"/> when it did not parse).</summary>
    public JsonValueKind RootKind { get; private init; }

    public JsonToken? Action { get; private set; }

    public JsonToken? WorkflowJob { get; private set; }

    public GitHubJobFields Job { get; private set; } = new();

    public JsonToken? Repository { get; private set; }

    public GitHubRepositoryFields Repo { get; private set; } = new();

    public JsonToken? Organization { get; private set; }

    public GitHubOwnerFields Org { get; private set; } = new();

    public JsonToken? Enterprise { get; private set; }

    public GitHubOwnerFields Ent { get; private set; } = new();

    public JsonToken? Installation { get; private set; }

    public JsonToken? InstallationId { get; private set; }

    public static GitHubPayload Scan(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return new GitHubPayload { ParseError = "body is empty" };
        }

        try
        {
            var reader = new Utf8JsonReader(body.Span, Options);
            if (!reader.Read())
            {
                return new GitHubPayload { ParseError = "body is not valid JSON: it holds no value" };
            }

            var payload = new GitHubPayload { RootKind = JsonToken.At(ref reader, body)?.Kind ?? JsonValueKind.Null };
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                payload.ReadRoot(ref reader, body);
            }
            else
            {
                reader.Skip();
            }

            // A complete body: past its one value only whitespace may follow (the reader throws on anything else).
            while (reader.Read())
            {
            }

            return payload;
        }
        catch (JsonException ex)
        {
            return new GitHubPayload { ParseError = $"body is not valid JSON: {ex.Message}" };
        }
    }

    private void ReadRoot(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("action"u8))
            {
                reader.Read();
                Action = Value(ref reader, body);
            }
            else if (reader.ValueTextEquals("workflow_job"u8))
            {
                reader.Read();
                (WorkflowJob, Job) = (JsonToken.At(ref reader, body), new GitHubJobFields());
                Fields(ref reader, body, Job.Read);
            }
            else if (reader.ValueTextEquals("repository"u8))
            {
                reader.Read();
                (Repository, Repo) = (JsonToken.At(ref reader, body), new GitHubRepositoryFields());
                Fields(ref reader, body, Repo.Read);
            }
            else if (reader.ValueTextEquals("organization"u8))
            {
                reader.Read();
                (Organization, Org) = (JsonToken.At(ref reader, body), new GitHubOwnerFields());
                Fields(ref reader, body, Org.Read);
            }
            else if (reader.ValueTextEquals("enterprise"u8))
            {
                reader.Read();
                (Enterprise, Ent) = (JsonToken.At(ref reader, body), new GitHubOwnerFields());
                Fields(ref reader, body, Ent.Read);
            }
            else if (reader.ValueTextEquals("installation"u8))
            {
                reader.Read();
                (Installation, InstallationId) = (JsonToken.At(ref reader, body), null);
                Fields(ref reader, body, (ref Utf8JsonReader r, ReadOnlyMemory<byte> b) => r.ValueTextEquals("id"u8) ? InstallationId = Next(ref r, b) : Skip(ref r));
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>Reads a field's value the reader is about to reach: it stands on the property name.</summary>
    internal delegate JsonToken? FieldReader(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body);

    /// <summary>When the reader stands on an object, hands each of its property names to <paramref name="field"/> (which
    /// reads or skips the value); any other value is stepped over.</summary>
    internal static void Fields(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, FieldReader field)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            field(ref reader, body);
        }
    }

    /// <summary>The value after the property name the reader stands on; a container is stepped over.</summary>
    internal static JsonToken? Next(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        reader.Read();
        return Value(ref reader, body);
    }

    /// <summary>Skips the value after the property name the reader stands on.</summary>
    internal static JsonToken? Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
        return null;
    }

    private static JsonToken? Value(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        var token = JsonToken.At(ref reader, body);
        reader.Skip();
        return token;
    }
}
