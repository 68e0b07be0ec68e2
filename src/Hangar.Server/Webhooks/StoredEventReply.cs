using System.Collections.Frozen;
using System.Text;
using Hangar.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Hangar.Server.Webhooks;

/// <summary>
/// The answer to a job event the sink took: 200 for a duplicate delivery, 202 otherwise, with the same JSON body a
/// <see cref="WebhookReply"/> serializes to. There is one per outcome, its body encoded once, so the busiest answer
/// intake gives is written without serializing anything per request.
/// </summary>
internal sealed class StoredEventReply : IResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    private static readonly FrozenDictionary<JobEventOutcome, StoredEventReply> ByOutcome = Enum.GetValues<JobEventOutcome>()
        .ToFrozenDictionary(o => o, o => o == JobEventOutcome.Duplicate
            ? new StoredEventReply(StatusCodes.Status200OK, "duplicate delivery")
            : new StoredEventReply(StatusCodes.Status202Accepted, o.ToString().ToLowerInvariant()));

    private readonly byte[] _body;

    private StoredEventReply(int status, string text)
    {
        Status = status;
        Text = text;
        // Only fixed ASCII words go in, so no character needs escaping.
        _body = Encoding.UTF8.GetBytes($$"""{"status":"{{text}}"}""");
    }

    public int Status { get; }

    public string Text { get; }

    public static StoredEventReply For(JobEventOutcome outcome) => ByOutcome[outcome];

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = JsonContentType;
        response.ContentLength = _body.Length;
        return response.Body.WriteAsync(_body, httpContext.RequestAborted).AsTask();
    }
}
