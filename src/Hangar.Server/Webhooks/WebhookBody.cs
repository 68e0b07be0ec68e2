using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Hangar.Server.Webhooks;

/// <summary>A webhook's body in a buffer rented from the shared pool, returned on dispose: the readers turn it into
/// strings and numbers of their own, so nothing outlives the request that rented it.</summary>
internal sealed class WebhookBody : IDisposable
{
    /// <summary>The first buffer is never larger than this, whatever Content-Length claims: memory follows bytes
    /// actually received, so slow clients announcing large bodies cannot reserve it.</summary>
    private const int MaxInitialBuffer = 64 * 1024;

    private byte[] _buffer;
    private int _length;

    private WebhookBody(int initial) => _buffer = ArrayPool<byte>.Shared.Rent(initial);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer (a missing or lying Content-Length).</summary>
    public static async Task<WebhookBody?> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var initial = request.ContentLength is { } length and > 0 ? (int)Math.Min(Math.Min(length + 1, limit + 1), MaxInitialBuffer) : 4096;
        var body = new WebhookBody(initial);
        try
        {
            while (true)
            {
                if (body._length == body._buffer.Length)
                {
                    body.Grow();
                }

                var read = await request.Body.ReadAsync(body._buffer.AsMemory(body._length), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    return body;
                }

                body._length += read;
                if (body._length > limit)
                {
                    body.Dispose();
                    return null;
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _length = 0;
    }
}
