namespace Hangar.Forges.Tests.GitHub.Webhooks;

/// <summary>Real payloads damaged a few bytes at a time (moved here from the fuzz tests, which share them with the
/// scan's differential tests).</summary>
internal static class PayloadMutations
{
    public static readonly string[] PayloadNames =
    [
        "workflow_job.queued.json",
        "workflow_job.waiting.json",
        "workflow_job.in_progress.json",
        "workflow_job.completed.json",
        "workflow_job.queued.user-repo.json",
    ];

    // JSON's structural bytes: mutating into these reaches deeper parser paths than random bytes do.
    private static readonly byte[] Interesting = "{}[]\":,0123456789-.eEtrufalsn\\ \u0000\u00ff"u8.ToArray();

    public static byte[] Mutate(byte[] original, Random random)
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
