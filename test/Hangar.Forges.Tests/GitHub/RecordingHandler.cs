using System.Net;
using System.Text;

namespace Hangar.Forges.Tests.GitHub;

/// <summary>Records every request and answers from a queue of scripted responses, in order.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> _responses = new();

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public RecordingHandler Respond(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers) =>
        Respond(_ => Response(status, json, headers));

    public RecordingHandler Respond(Func<RecordedRequest, HttpResponseMessage> responder)
    {
        lock (_gate)
        {
            _responses.Enqueue(responder);
        }

        return this;
    }

    public RecordingHandler Throw(Exception exception) => Respond(_ => throw exception);

    public static HttpResponseMessage Response(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        if (json is not null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
            request.Content?.Headers.ContentType?.MediaType,
            body);
        Func<RecordedRequest, HttpResponseMessage> responder;
        lock (_gate)
        {
            _requests.Add(recorded);
            responder = _responses.Count > 0
                ? _responses.Dequeue()
                : throw new InvalidOperationException($"no scripted response for {request.Method} {request.RequestUri}");
        }

        var response = responder(recorded);
        response.RequestMessage = request;
        return response;
    }
}
