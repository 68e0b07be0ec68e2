using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangar.Core.Storage;
using Hangar.Forges.GitHub.Webhooks;

namespace Hangar.Server.Tests.Webhooks;

/// <summary>
/// Thousands of mutated webhook bodies and headers against the real endpoint: never a 5xx, the server keeps serving,
/// and nothing is stored unless the signature over the exact bytes sent is valid. Seeded, so a failure replays.
/// </summary>
public sealed class WebhookFuzzTests
{
    private const int Cases = 3000;
    private const int Seed = 20261122;
    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(ServerFixture.Secret);
    private static readonly string[] Actions = ["queued", "in_progress", "completed", "waiting", "requested", "", "QUEUED"];
    private static readonly string[] Events = ["workflow_job", "workflow_job", "workflow_job", "ping", "push", "", "workflow_job\0", "WORKFLOW_JOB"];

    [Fact]
    public async Task Post_MutatedBodiesAndHeaders_NoServerErrorAndNothingStoredWithoutValidSignature()
    {
        await using var server = await ServerFixture.StartAsync(maxBodyBytes: 16 * 1024);
        var random = new Random(Seed);
        var cases = Enumerable.Range(0, Cases).Select(i => Mutate(random, i)).ToList();
        var statuses = new ConcurrentBag<(FuzzCase Case, HttpStatusCode Status)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = timeout.Token }, async (fuzz, ct) =>
        {
            using var request = fuzz.ToRequest();
            using var response = await server.Http.SendAsync(request, ct);
            statuses.Add((fuzz, response.StatusCode));
        });

        statuses.Count.ShouldBe(Cases);
        statuses.Where(s => (int)s.Status >= 500).Select(s => $"{s.Case.Description}: {(int)s.Status}").ShouldBeEmpty();
        statuses.Where(s => !s.Case.SignatureValid && s.Status is HttpStatusCode.Accepted or HttpStatusCode.OK)
            .Select(s => s.Case.Description).ShouldBeEmpty();

        // Every stored job must come from a request whose signature matched its bytes.
        var signedBodies = cases.Where(c => c.SignatureValid).Select(c => Encoding.UTF8.GetString(c.Body)).ToList();
        var stored = await server.Store.ListJobsAsync(new JobQuery(), timeout.Token);
        stored.Where(j => !signedBodies.Any(b => b.Contains(j.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)))
            .Select(j => j.Id).ShouldBeEmpty();
        stored.Count.ShouldBeGreaterThan(0, "some signed, well-formed cases must have been stored, or the fuzz never reached the store");

        // Still serving: a well-formed, signed delivery is stored.
        using var healthy = await server.PostWebhookAsync(WorkflowJobPayloads.Create(777_000_001, "queued"));
        healthy.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await server.Http.GetAsync("healthz", timeout.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static FuzzCase Mutate(Random random, int index)
    {
        var jobId = 500_000_000L + (index * 1000L);
        var original = Encoding.UTF8.GetBytes(WorkflowJobPayloads.Create(jobId, Actions[random.Next(Actions.Length)], runnerName: random.Next(3) == 0 ? "hgr-x-aaaaaaaaaa" : null));
        var body = original;
        var what = new List<string>();
        switch (random.Next(10))
        {
            case 0:
                break;
            case 1:
                body = [.. body];
                for (var i = random.Next(1, 8); i > 0; i--)
                {
                    body[random.Next(body.Length)] = (byte)random.Next(256);
                }

                what.Add("flipped bytes");
                break;
            case 2:
                body = body[..random.Next(body.Length)];
                what.Add("truncated");
                break;
            case 3:
                var text = Encoding.UTF8.GetString(body);
                var (from, to) = ReplaceTargets[random.Next(ReplaceTargets.Length)];
                body = Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
                what.Add($"replaced {from}");
                break;
            case 4:
                body = Encoding.UTF8.GetBytes(new string('[', random.Next(1, 5000)));
                what.Add("deep nesting");
                break;
            case 5:
                body = new byte[random.Next(0, 40_000)];
                random.NextBytes(body);
                what.Add("random bytes");
                break;
            case 6:
                body = [.. body, .. body];
                what.Add("doubled");
                break;
            case 7:
                body = [];
                what.Add("empty");
                break;
            default:
                body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"acme/app\"", "\"" + new string('a', random.Next(1, 3000)) + "\"", StringComparison.Ordinal));
                what.Add("long repository");
                break;
        }

        var valid = GitHubWebhookSignature.Sign(body, SecretBytes);
        string? signature;
        switch (random.Next(8))
        {
            case 0:
            case 1:
            case 2:
                signature = valid;
                break;
            case 3:
                signature = null;
                what.Add("no signature");
                break;
            case 4:
                signature = GitHubWebhookSignature.Sign(original, SecretBytes);
                what.Add("signature of the unmutated body");
                break;
            case 5:
                signature = valid.ToUpperInvariant();
                what.Add("upper-case signature");
                break;
            case 6:
                signature = valid[..random.Next(valid.Length)];
                what.Add("truncated signature");
                break;
            default:
                signature = GitHubWebhookSignature.Sign(body, Encoding.UTF8.GetBytes("wrong-secret"));
                what.Add("wrong secret");
                break;
        }

        var eventName = random.Next(4) == 0 ? Events[random.Next(Events.Length)] : "workflow_job";
        var delivery = random.Next(6) switch
        {
            0 => null,
            1 => new string('d', random.Next(1, 2000)),
            2 => "not-a-guid",
            _ => Guid.NewGuid().ToString(),
        };
        return new FuzzCase(index, body, signature, eventName, delivery, signature is not null && signature == valid, string.Join(", ", what.DefaultIfEmpty("unmutated")));
    }

    private static readonly (string From, string To)[] ReplaceTargets =
    [
        ("\"id\":", "\"id\":\"x\",\"_\":"),
        ("\"labels\":[", "\"labels\":[null,1,{},"),
        ("\"workflow_job\":{", "\"workflow_job\":null,\"_\":{"),
        ("\"repository\":{", "\"repository\":[],\"_\":{"),
        ("\"full_name\":\"acme/app\"", "\"full_name\":\"../../etc\""),
        ("\"run_id\":", "\"run_id\":99999999999999999999999,\"_\":"),
        ("\"status\":", "\"status\":12,\"_\":"),
        ("\"action\":", "\"action\":{},\"_\":"),
    ];

    private sealed record FuzzCase(int Index, byte[] Body, string? Signature, string Event, string? Delivery, bool SignatureValid, string Description)
    {
        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("X-GitHub-Event", Event);
            if (Delivery is not null)
            {
                request.Headers.TryAddWithoutValidation("X-GitHub-Delivery", Delivery);
            }

            if (Signature is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", Signature);
            }

            return request;
        }
    }
}
