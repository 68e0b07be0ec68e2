using System.Text.Json;
using System.Text.RegularExpressions;
using Hangar.Core.Jobs;

namespace Hangar.Server.RabbitMq;

/// <summary>
/// Job events to message bodies and back. Decoding never throws: what cannot become a valid job event for a configured
/// forge is poison, named by kind (<c>unparseable</c>, <c>unknown_forge</c>, <c>invalid</c>) with the reason.
/// </summary>
internal static partial class IntakeMessageCodec
{
    /// <summary>The AMQP <c>type</c> property of every message a gateway publishes.</summary>
    public const string MessageType = "hangar.job_event.v1";

    public const string ContentType = "application/json";

    public const string Unparseable = "unparseable";
    public const string UnknownForge = "unknown_forge";
    public const string Invalid = "invalid";

    private const int MaxDeliveryId = 200;
    private const int MaxLabels = 100;

    public static byte[] Encode(JobEvent e) => JsonSerializer.SerializeToUtf8Bytes(new IntakeMessage
    {
        Forge = e.Forge,
        JobId = e.JobId,
        Attempt = e.Attempt,
        Status = StatusName(e.Status),
        Repository = e.Repository,
        Owner = e.Owner,
        Enterprise = e.Enterprise,
        Labels = e.Labels,
        RunId = e.RunId,
        Name = e.Name,
        RunnerName = e.RunnerName,
        RunnerId = e.RunnerId,
        Conclusion = e.Conclusion,
        DeliveryId = e.DeliveryId,
        CreatedAt = e.CreatedAt,
    }, IntakeJsonContext.Default.IntakeMessage);

    /// <param name="type">The message's AMQP <c>type</c>; null or another version is poison.</param>
    /// <param name="isForge">Whether a forge of that name is configured here.</param>
    public static IntakeDecoding Decode(ReadOnlySpan<byte> body, string? type, Func<string, bool> isForge)
    {
        if (type != MessageType)
        {
            return IntakeDecoding.Poison(Unparseable, $"message type '{Shorten(type ?? "")}' is not {MessageType}");
        }

        IntakeMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(body, IntakeJsonContext.Default.IntakeMessage);
        }
        catch (JsonException e)
        {
            return IntakeDecoding.Poison(Unparseable, $"not a job event: {e.Message}");
        }

        if (message is null)
        {
            return IntakeDecoding.Poison(Unparseable, "not a job event: null");
        }

        if (string.IsNullOrEmpty(message.Forge))
        {
            return IntakeDecoding.Poison(Invalid, "forge is missing");
        }

        return !isForge(message.Forge)
            ? IntakeDecoding.Poison(UnknownForge, $"no forge named '{Shorten(message.Forge)}' is configured")
            : Validate(message) is { } error ? IntakeDecoding.Poison(Invalid, error)
            : IntakeDecoding.Of(ToEvent(message));
    }

    private static string? Validate(IntakeMessage m) =>
        m.JobId <= 0 ? "job_id must be a positive integer"
        : m.Attempt < 0 ? "attempt must not be negative"
        : ParseStatus(m.Status) is null ? $"status '{Shorten(m.Status ?? "")}' is not waiting, queued, in_progress or completed"
        : m.Repository is null || !RepositoryPattern().IsMatch(m.Repository) ? "repository must be owner/name"
        : string.IsNullOrEmpty(m.DeliveryId) || m.DeliveryId.Length > MaxDeliveryId ? $"delivery_id must be 1 to {MaxDeliveryId} characters (it is the dedupe key)"
        : m.Labels is { Count: > MaxLabels } ? $"more than {MaxLabels} labels"
        : m.Labels?.Any(string.IsNullOrWhiteSpace) == true ? "labels must not be empty"
        : null;

    private static JobEvent ToEvent(IntakeMessage m) => new()
    {
        Forge = m.Forge!,
        JobId = m.JobId,
        Attempt = m.Attempt,
        Status = ParseStatus(m.Status)!.Value,
        Repository = m.Repository!,
        Owner = m.Owner,
        Enterprise = m.Enterprise,
        Labels = m.Labels ?? [],
        RunId = m.RunId,
        Name = m.Name,
        RunnerName = m.RunnerName,
        RunnerId = m.RunnerId,
        Conclusion = m.Conclusion,
        DeliveryId = m.DeliveryId,
        CreatedAt = m.CreatedAt,
    };

    private static string StatusName(JobStatus status) => status switch
    {
        JobStatus.Waiting => "waiting",
        JobStatus.Queued => "queued",
        JobStatus.InProgress => "in_progress",
        _ => "completed",
    };

    private static JobStatus? ParseStatus(string? status) => status switch
    {
        "waiting" => JobStatus.Waiting,
        "queued" => JobStatus.Queued,
        "in_progress" => JobStatus.InProgress,
        "completed" => JobStatus.Completed,
        _ => null,
    };

    // A poison message's text is attacker-influenced (whatever reached the queue): kept short in reasons and logs.
    private static string Shorten(string text) => text.Length > 64 ? text[..64] + "…" : text;

    [GeneratedRegex("^[^/\\s]+/[^/\\s]+$")]
    private static partial Regex RepositoryPattern();
}
