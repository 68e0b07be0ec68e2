using System.Net;
using System.Net.Http.Headers;

namespace Hangar.Forges.GitHub.Budget;

/// <summary>
/// Conditional requests for the polling GETs (runner lists, queued runs and their jobs, job look-ups): the last body of
/// each URL is kept with its <c>ETag</c>, the next GET sends <c>If-None-Match</c>, and a <c>304</c> (which GitHub does
/// not count against the primary rate limit) is answered from the kept body as if GitHub had sent it again. The least
/// recently used URL goes when the cache is full; large bodies are not kept.
/// </summary>
internal sealed class GitHubConditionalCache(int capacity)
{
    /// <summary>A runner-list page of 100 runners is ~60 KB; anything far larger is not worth keeping.</summary>
    public const int MaxBodyBytes = 1 << 20;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Url, CachedResponse Response)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Url, CachedResponse Response)> _recency = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public CachedResponse? Find(Uri uri)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(uri.AbsoluteUri, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Response;
        }
    }

    /// <summary>
    /// The response the caller reads: a <c>304</c> to a request sent with <paramref name="sent"/>'s tag becomes the kept
    /// body (and the 304 is disposed); a <c>200</c> with an <c>ETag</c> is buffered and kept. Anything else passes through.
    /// </summary>
    public async Task<HttpResponseMessage> ApplyAsync(Uri uri, HttpResponseMessage response, CachedResponse? sent, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotModified && sent is not null)
        {
            var replay = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = response.RequestMessage,
                Content = new ByteArrayContent(sent.Body),
            };
            replay.Content.Headers.ContentType = sent.MediaType is null ? null : new MediaTypeHeaderValue(sent.MediaType);
            if (sent.Link is not null)
            {
                replay.Headers.TryAddWithoutValidation("Link", sent.Link);
            }

            response.Dispose();
            return replay;
        }

        if (capacity == 0 || response.StatusCode != HttpStatusCode.OK || response.Headers.ETag is not { } etag
            || response.Content.Headers.ContentLength is > MaxBodyBytes)
        {
            return response;
        }

        // Buffered, so the caller still reads the whole body after it was copied here.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length > MaxBodyBytes)
        {
            return response;
        }

        var link = response.Headers.TryGetValues("Link", out var links) ? string.Join(", ", links) : null;
        Store(uri.AbsoluteUri, new CachedResponse(etag.ToString(), body, response.Content.Headers.ContentType?.MediaType, link));
        return response;
    }

    private void Store(string url, CachedResponse response)
    {
        lock (_gate)
        {
            if (_entries.Remove(url, out var old))
            {
                _recency.Remove(old);
            }

            _entries[url] = _recency.AddFirst((url, response));
            while (_entries.Count > capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Url);
            }
        }
    }
}
