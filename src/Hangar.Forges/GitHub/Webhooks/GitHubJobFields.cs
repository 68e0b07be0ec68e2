using System.Text.Json;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>The fields of <c>workflow_job</c> that make a <see cref="Hangar.Core.Jobs.JobEvent"/> (see <see cref="GitHubPayload"/>).</summary>
internal sealed class GitHubJobFields
{
    private readonly List<JsonToken?> _labelItems = [];

    public JsonToken? Id { get; private set; }

    public JsonToken? Labels { get; private set; }

    /// <summary>The items of the last <c>labels</c> array, nulls included.</summary>
    public IReadOnlyList<JsonToken?> LabelItems => _labelItems;

    public JsonToken? RunId { get; private set; }

    public JsonToken? Name { get; private set; }

    public JsonToken? RunnerName { get; private set; }

    public JsonToken? RunnerId { get; private set; }

    public JsonToken? Conclusion { get; private set; }

    public JsonToken? CreatedAt { get; private set; }

    public JsonToken? Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        if (reader.ValueTextEquals("id"u8))
        {
            return Id = GitHubPayload.Next(ref reader, body);
        }

        if (reader.ValueTextEquals("labels"u8))
        {
            return Labels = ReadLabels(ref reader, body);
        }

        if (reader.ValueTextEquals("run_id"u8))
        {
            return RunId = GitHubPayload.Next(ref reader, body);
        }

        if (reader.ValueTextEquals("name"u8))
        {
            return Name = GitHubPayload.Next(ref reader, body);
        }

        if (reader.ValueTextEquals("runner_name"u8))
        {
            return RunnerName = GitHubPayload.Next(ref reader, body);
        }

        if (reader.ValueTextEquals("runner_id"u8))
        {
            return RunnerId = GitHubPayload.Next(ref reader, body);
        }

        if (reader.ValueTextEquals("conclusion"u8))
        {
            return Conclusion = GitHubPayload.Next(ref reader, body);
        }

        return reader.ValueTextEquals("created_at"u8) ? CreatedAt = GitHubPayload.Next(ref reader, body) : GitHubPayload.Skip(ref reader);
    }

    private JsonToken? ReadLabels(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        reader.Read();
        _labelItems.Clear();
        var labels = JsonToken.At(ref reader, body);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return labels;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _labelItems.Add(JsonToken.At(ref reader, body));
            reader.Skip();
        }

        return labels;
    }
}
