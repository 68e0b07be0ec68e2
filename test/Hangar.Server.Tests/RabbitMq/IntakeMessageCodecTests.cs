using System.Text;
using Hangar.Core.Jobs;
using Hangar.Server.RabbitMq;

namespace Hangar.Server.Tests.RabbitMq;

public sealed class IntakeMessageCodecTests
{
    private static readonly JobEvent Event = new()
    {
        Forge = "github",
        JobId = 42,
        Attempt = 2,
        Status = JobStatus.InProgress,
        Repository = "acme/app",
        Owner = "acme",
        Labels = ["self-hosted", "linux"],
        RunId = 420,
        Name = "build",
        RunnerName = "hgr-linux-x",
        RunnerId = 7,
        DeliveryId = "d-42",
        CreatedAt = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Decode_WhatEncodeWrote_TheSameEvent()
    {
        var decoded = IntakeMessageCodec.Decode(IntakeMessageCodec.Encode(Event), IntakeMessageCodec.MessageType, _ => true);

        decoded.IsEvent.ShouldBeTrue();
        decoded.Event.ShouldBe(Event with { Labels = decoded.Event.Labels });
        decoded.Event.Labels.ShouldBe(Event.Labels);
    }

    [Theory]
    [InlineData("""{"forge":"github","job_id":1,"status":"queued","repository":"a/b"}""", "invalid", "delivery_id")]
    [InlineData("""{"forge":"github","job_id":1,"status":"running","repository":"a/b","delivery_id":"d"}""", "invalid", "status 'running'")]
    [InlineData("""{"forge":"github","job_id":1,"status":"queued","repository":"ab","delivery_id":"d"}""", "invalid", "owner/name")]
    [InlineData("""{"forge":"github","job_id":-1,"status":"queued","repository":"a/b","delivery_id":"d"}""", "invalid", "job_id")]
    [InlineData("""{"job_id":1,"status":"queued","repository":"a/b","delivery_id":"d"}""", "invalid", "forge is missing")]
    [InlineData("""{"forge":"gitea","job_id":1,"status":"queued","repository":"a/b","delivery_id":"d"}""", "unknown_forge", "'gitea'")]
    [InlineData("""{"forge":"github","job_id":"1"}""", "unparseable", "not a job event")]
    [InlineData("null", "unparseable", "null")]
    [InlineData("[]", "unparseable", "not a job event")]
    public void Decode_PoisonMessage_NamedByKindWithReason(string body, string kind, string reasonPart)
    {
        var decoded = IntakeMessageCodec.Decode(Encoding.UTF8.GetBytes(body), IntakeMessageCodec.MessageType, forge => forge == "github");

        decoded.IsEvent.ShouldBeFalse();
        decoded.PoisonKind.ShouldBe(kind);
        decoded.Reason.ShouldContain(reasonPart);
    }

    [Fact]
    public void Decode_OtherMessageType_Unparseable() =>
        IntakeMessageCodec.Decode(IntakeMessageCodec.Encode(Event), "hangar.job_event.v2", _ => true).PoisonKind.ShouldBe("unparseable");
}
