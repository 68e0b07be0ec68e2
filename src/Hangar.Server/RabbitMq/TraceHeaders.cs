using System.Diagnostics;
using System.Text;

namespace Hangar.Server.RabbitMq;

/// <summary>W3C trace context in AMQP message headers (<c>traceparent</c>, <c>tracestate</c>), from gateway to consumer.
/// The broker hands string headers back as bytes.</summary>
internal static class TraceHeaders
{
    private const string Parent = "traceparent";
    private const string State = "tracestate";

    public static void Inject(Activity? activity, IDictionary<string, object?> headers)
    {
        if (activity is null)
        {
            return;
        }

        headers[Parent] = activity.Id;
        if (activity.TraceStateString is { Length: > 0 } state)
        {
            headers[State] = state;
        }
    }

    /// <summary>The context the message carries, or default when it carries none (or a malformed one).</summary>
    public static ActivityContext Extract(IDictionary<string, object?>? headers) =>
        headers is not null && Text(headers, Parent) is { } parent
        && ActivityContext.TryParse(parent, Text(headers, State), isRemote: true, out var context)
            ? context
            : default;

    public static string? Text(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            _ => null,
        } : null;
}
