using System.Text;
using RabbitMQ.Client;

namespace Hangar.Server.RabbitMq;

/// <summary>One poison message as operators see it: why it was dead-lettered, when, and the start of its body.</summary>
internal sealed record DeadLetter(string? MessageId, string? Kind, string? Reason, string? DeadLetteredAt, string? Forge, string? Type, int Bytes, string Preview)
{
    /// <summary>How much of the body is shown: enough to recognise it, never a whole payload.</summary>
    private const int PreviewChars = 200;

    public static DeadLetter From(IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body)
    {
        var headers = properties.Headers;
        string? Header(string name) => headers is null ? null : TraceHeaders.Text(headers, name);
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, PreviewChars * 4)]);
        return new DeadLetter(
            properties.MessageId,
            Header(DeadLetters.KindHeader),
            Header(DeadLetters.ReasonHeader),
            Header(DeadLetters.AtHeader),
            Header("hangar-forge"),
            properties.Type,
            body.Length,
            text.Length > PreviewChars ? text[..PreviewChars] + "…" : text);
    }
}
