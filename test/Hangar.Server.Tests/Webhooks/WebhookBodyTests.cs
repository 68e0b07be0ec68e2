using Hangar.Server.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Hangar.Server.Tests.Webhooks;

/// <summary>The body buffer follows the bytes that arrive, never what <c>Content-Length</c> claims.</summary>
public sealed class WebhookBodyTests
{
    private static HttpRequest Request(long? contentLength, byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentLength = contentLength;
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }

    [Fact]
    public async Task ReadAsync_ContentLengthClaimsAHugeBodyWithinTheLimit_AllocatesForTheBytesReceived()
    {
        const long limit = 1L << 30;
        var request = Request(contentLength: limit, body: "{\"ok\":1}"u8.ToArray());

        // The stream answers at once, so the whole read runs on this thread and its allocations are counted here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var body = await WebhookBody.ReadAsync(request, limit, TestContext.Current.CancellationToken);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        body.ShouldNotBeNull().Memory.ToArray().ShouldBe("{\"ok\":1}"u8.ToArray());
        allocated.ShouldBeLessThan(1L << 20, "a buffer sized from Content-Length would be a gibibyte");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(10L)]
    [InlineData(300_000L)]
    public async Task ReadAsync_BodyLargerThanTheFirstBuffer_ReadsEveryByteInOrder(long? contentLength)
    {
        var sent = new byte[300_000];
        new Random(3).NextBytes(sent);

        using var body = await WebhookBody.ReadAsync(Request(contentLength, sent), 1 << 20, TestContext.Current.CancellationToken);

        body.ShouldNotBeNull().Memory.ToArray().ShouldBe(sent);
    }

    [Fact]
    public async Task ReadAsync_BodyLongerThanItsContentLengthAndTheLimit_NullAfterReadingLittleMoreThanTheLimit()
    {
        const int limit = 64 * 1024;
        var stream = new MemoryStream(new byte[16 * 1024 * 1024]);
        var context = new DefaultHttpContext();
        context.Request.ContentLength = 10;
        context.Request.Body = stream;

        var body = await WebhookBody.ReadAsync(context.Request, limit, TestContext.Current.CancellationToken);

        body.ShouldBeNull();
        stream.Position.ShouldBeLessThan(4L * limit);
    }
}
