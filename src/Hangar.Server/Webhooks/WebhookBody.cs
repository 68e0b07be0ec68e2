using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Hangar.Server.Webhooks;

internal static class WebhookBody
{
    /// <summary>The first buffer is never larger than this, whatever Content-Length claims: memory follows bytes
    /// actually received, so slow clients announcing large bodies cannot reserve it.</summary>
    private const int MaxInitialBuffer = 64 * 1024;

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer (a missing or lying Content-Length).</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var initial = request.ContentLength is { } length and > 0 ? (int)Math.Min(Math.Min(length, limit), MaxInitialBuffer) : 4096;
        var buffer = new ArrayBufferWriter<byte>(initial);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, ct).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
