using Hangar.Forges.Webhooks;

namespace Hangar.Forges.Tests.GitHub.Webhooks;

public class GitHubWebhookReaderFuzzTests
{
    private static readonly string[] PayloadNames =
    [
        "workflow_job.queued.json",
        "workflow_job.waiting.json",
        "workflow_job.in_progress.json",
        "workflow_job.completed.json",
        "workflow_job.queued.user-repo.json",
    ];

    // JSON's structural bytes: mutating into these reaches deeper parser paths than random bytes do.
    private static readonly byte[] Interesting = "{}[]\":,0123456789-.eEtrufalsn\\ \u0000\u00ff"u8.ToArray();

    [Fact]
    public void Read_RandomBytes_NeverThrows()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 2_000; i++)
        {
            var body = new byte[random.Next(0, 256)];
            random.NextBytes(body);

            var result = GitHubDeliveries.ReadWorkflowJob("github", body, "d");

            result.Kind.ShouldBe(WebhookMessageKind.Malformed);
        }
    }

    [Fact]
    public void Read_MutatedRealPayloads_NeverThrowAndExplainEveryRejection()
    {
        var random = new Random(42);
        var kinds = new Dictionary<WebhookMessageKind, int>();
        foreach (var name in PayloadNames)
        {
            var original = Payloads.Read(name);
            for (var i = 0; i < 1_000; i++)
            {
                var body = Mutate(original, random);

                var result = GitHubDeliveries.ReadWorkflowJob("github", body, "d");

                kinds[result.Kind] = kinds.GetValueOrDefault(result.Kind) + 1;
                if (result.Kind == WebhookMessageKind.Job)
                {
                    result.Event.ShouldNotBeNull().Repository.ShouldNotBeNullOrEmpty();
                }
                else
                {
                    result.Reason.ShouldNotBeNullOrWhiteSpace();
                }
            }
        }

        // Both outcomes must be exercised, or the mutations are too gentle (or too brutal) to mean anything.
        kinds.GetValueOrDefault(WebhookMessageKind.Job).ShouldBeGreaterThan(0);
        kinds.GetValueOrDefault(WebhookMessageKind.Malformed).ShouldBeGreaterThan(0);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var body = original.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && body.Count > 0; e++)
        {
            var at = random.Next(body.Count);
            switch (random.Next(4))
            {
                case 0:
                    body[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 1:
                    body.RemoveAt(at);
                    break;
                case 2:
                    body.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                default:
                    body.RemoveRange(at, body.Count - at);
                    break;
            }
        }

        return [.. body];
    }
}
