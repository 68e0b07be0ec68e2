using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangar.Emulator.State;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// Which wins across replicas (issue 16): an operator's write taken by the replica that does not own the pool is stored,
/// and the owner applies it. Replica <c>a</c> owns <c>linux</c>; the disable and the enable go to <c>b</c>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReplicasOperatorWritesEndToEndTests
{
    private const string Who = "config:admin";

    [Fact]
    public async Task Replicas_PoolDisabledAndEnabledThroughTheReplicaThatDoesNotOwnIt_TheOwnerAppliesBoth()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cts.Token;
        await using var pair = await ReplicaPair.StartAsync("4s", "1s", ct);
        using var a = Client(pair.A.Url);
        using var b = Client(pair.B.Url);

        using (var disable = await b.PostAsync("api/v1/pools/linux/disable", content: null, ct))
        {
            disable.StatusCode.ShouldBe(HttpStatusCode.OK, await disable.Content.ReadAsStringAsync(ct));
        }

        // Both replicas show the override and who set it; the owner's view is its catalog, so this is the owner applying it.
        foreach (var (name, client) in new[] { ("a", a), ("b", b) })
        {
            await Poll.UntilAsync(async () => await OverrideAsync(client, ct) is { } o && o.Enabled == false && o.SetBy == Who,
                TimeSpan.FromSeconds(20), $"replica {name} to show linux disabled by {Who}", ct, TimeSpan.FromMilliseconds(200));
        }

        (await pair.PoolOwnerAsync()).ShouldNotBeNull().ShouldStartWith("a/");
        pair.QueueJobs(1);
        await Poll.UntilAsync(async () => (long)(await pair.ExecuteAsync("SELECT count(*) FROM jobs;"))! == 1,
            TimeSpan.FromSeconds(20), "the job's demand to be stored", ct, TimeSpan.FromMilliseconds(200));

        // Three more converge passes of the owner, so at least two whole ones saw the stored job: none made it a runner.
        var passes = await ConvergePassesAsync(a, ct);
        await Poll.UntilAsync(async () => await ConvergePassesAsync(a, ct) >= passes + 3,
            TimeSpan.FromSeconds(30), "the owner to converge three more times", ct, TimeSpan.FromMilliseconds(200));
        ((long)(await pair.ExecuteAsync("SELECT count(*) FROM instances;"))!).ShouldBe(0, "a disabled pool makes no runner");
        (await Probes.CountContainersAsync(pair.ControllerId)).ShouldBe(0);
        pair.Emulator.State.Jobs.Single().Status.ShouldBe(EmulatedJobStatus.Queued);

        using (var enable = await b.PostAsync("api/v1/pools/linux/enable", content: null, ct))
        {
            enable.StatusCode.ShouldBe(HttpStatusCode.OK, await enable.Content.ReadAsStringAsync(ct));
        }

        await pair.WaitAllServedAndCleanAsync(pair.A, TimeSpan.FromSeconds(90), ct);
        (await OverrideAsync(a, ct)).ShouldNotBeNull().Enabled.ShouldBe(true);
        (await pair.PoolOwnerAsync()).ShouldNotBeNull().ShouldStartWith("a/");
        (await File.ReadAllTextAsync(pair.LogA, ct)).ShouldContain("instance transition", customMessage: "the owner made and retired the runner");
        (await File.ReadAllTextAsync(pair.LogB, ct)).ShouldNotContain("instance transition", customMessage: "the replica that took the writes made no runner");
    }

    private static HttpClient Client(Uri server)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReplicaPair.AdminToken);
        return http;
    }

    private static async Task<(bool? Enabled, string SetBy)?> OverrideAsync(HttpClient client, CancellationToken ct)
    {
        using var pool = JsonDocument.Parse(await client.GetStringAsync("api/v1/pools/linux", ct));
        if (!pool.RootElement.TryGetProperty("overrides", out var o) || o.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var enabled = o.GetProperty("enabled") is { ValueKind: JsonValueKind.True or JsonValueKind.False } e ? e.GetBoolean() : (bool?)null;
        pool.RootElement.GetProperty("enabled").GetBoolean().ShouldBe(enabled ?? true, "the value in effect is the override's");
        return (enabled, o.GetProperty("set_by").GetString()!);
    }

    /// <summary>The replica's completed converge passes, from its <c>/metrics</c>.</summary>
    private static async Task<double> ConvergePassesAsync(HttpClient client, CancellationToken ct) =>
        (await client.GetStringAsync("metrics", ct)).Split('\n')
            .Where(l => l.StartsWith("hangar_loop_passes_total{", StringComparison.Ordinal) && l.Contains("loop=\"converge\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
}
