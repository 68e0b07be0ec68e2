using System.Text;
using System.Text.Json;
using Hangar.Core.Storage;
using Hangar.Server.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Hangar.Server.Tests.Webhooks;

/// <summary>The pre-encoded answers say exactly what the serialized <see cref="WebhookReply"/> said before them.</summary>
public sealed class StoredEventReplyTests
{
    private static readonly JsonSerializerOptions ServerJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Theory]
    [InlineData(JobEventOutcome.Created, 202, "created")]
    [InlineData(JobEventOutcome.Updated, 202, "updated")]
    [InlineData(JobEventOutcome.Stale, 202, "stale")]
    [InlineData(JobEventOutcome.Forwarded, 202, "forwarded")]
    [InlineData(JobEventOutcome.Duplicate, 200, "duplicate delivery")]
    public async Task ExecuteAsync_WritesTheStatusAndTheReplyAsJson(JobEventOutcome outcome, int status, string text)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await StoredEventReply.For(outcome).ExecuteAsync(context).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        context.Response.StatusCode.ShouldBe(status);
        context.Response.ContentType.ShouldBe("application/json; charset=utf-8");
        var written = Encoding.UTF8.GetString(body.ToArray());
        written.ShouldBe(JsonSerializer.Serialize(new WebhookReply(text), ServerJson));
        context.Response.ContentLength.ShouldBe(Encoding.UTF8.GetByteCount(written));
    }
}
