using Hangar.Forges.Webhooks;

namespace Hangar.Forges.Tests.GitHub.Webhooks;

public class GitHubWebhookReaderFuzzTests
{
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
        foreach (var name in PayloadMutations.PayloadNames)
        {
            var original = Payloads.Read(name);
            for (var i = 0; i < 1_000; i++)
            {
                var body = PayloadMutations.Mutate(original, random);

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
}
