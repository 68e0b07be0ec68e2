using Hangar.Server.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Server.Tests.Webhooks;

public sealed class WebhookRejectionLogTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLoggerProvider _logs = new();

    private WebhookRejectionLog CreateLog() => new(_time, _logs.CreateLogger("test"));

    private IReadOnlyList<RecordingLoggerProvider.LogEntry> Warnings => _logs.WithEvent("WebhookRejected");

    [Fact]
    public void Rejected_ManyForOneForgeAndStatusWithinTheInterval_OneWarningTheRestAtDebug()
    {
        var log = CreateLog();

        for (var i = 0; i < 50; i++)
        {
            log.Rejected("github", 401, "bad or missing signature", $"d{i}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Warnings.ShouldHaveSingleItem().State["Delivery"].ShouldBe("d0");
        Warnings[0].Level.ShouldBe(LogLevel.Warning);
        var quiet = _logs.WithEvent("WebhookRejectedQuietly");
        quiet.Count.ShouldBe(49);
        quiet.ShouldAllBe(e => e.Level == LogLevel.Debug);
    }

    [Fact]
    public void Rejected_AgainAfterTheInterval_WarnsWithTheCountSuppressedSinceTheLastWarning()
    {
        var log = CreateLog();
        for (var i = 0; i < 10; i++)
        {
            log.Rejected("github", 401, "bad or missing signature", $"d{i}");
        }

        _time.Advance(WebhookRejectionLog.Interval);
        log.Rejected("github", 401, "bad or missing signature", "late");
        log.Rejected("github", 401, "bad or missing signature", "later");

        Warnings.Select(w => (w.State["Delivery"], w.State["Suppressed"])).ShouldBe([("d0", (object?)0), ("late", 9)]);
    }

    [Fact]
    public void Rejected_OtherForgeOrOtherStatus_EachWarnsOnItsOwn()
    {
        var log = CreateLog();

        log.Rejected("github", 401, "bad or missing signature", "a");
        log.Rejected("github", 413, "body too large", "b");
        log.Rejected("gitea", 401, "bad or missing signature", "c");
        log.Rejected("github", 401, "no webhook secret configured", "d");

        Warnings.Select(w => w.State["Delivery"]).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void Rejected_UnknownForgeNamesInThePath_OneKeyWhateverTheNameAndTheWarningNamesTheFirst()
    {
        var log = CreateLog();

        for (var i = 0; i < 1000; i++)
        {
            log.Rejected(null, 404, "no such forge", null, logAs: $"made-up-{i}");
        }

        Warnings.ShouldHaveSingleItem().State["Forge"].ShouldBe("made-up-0");
    }
}
