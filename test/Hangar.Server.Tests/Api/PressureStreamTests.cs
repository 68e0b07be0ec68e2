using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangar.Configuration;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Tests.Api;

/// <summary>
/// The planner API on the real host with a pressure-only pool (<c>provider: none</c>): pressure follows the jobs within
/// a converge pass, the stream sends heartbeats while idle, a dropped client is released and can reconnect, and no
/// instance is ever made for the pool.
/// </summary>
public sealed class PressureStreamTests : IAsyncLifetime
{
    private const string Flavor = "ci";
    private ServerFixture _server = null!;
    private string _planner = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(configure: config => config with
        {
            Server = config.Server with { PressureHeartbeat = TimeSpan.FromMilliseconds(200) },
            Engine = config.Engine with
            {
                Pools =
                [
                    new PoolSpec
                    {
                        Name = Flavor, Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["linux"],
                        Provider = PoolSpec.NoProvider, Platform = "linux-x64", MinimumPressure = 1,
                    },
                ],
            },
        });
        (_, _planner) = await ApiClient.CreateTokenAsync(_server, "planner");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenAsync(bool sse = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/flavors/{Flavor}/pressure" + (sse ? "" : "?stream=true"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _planner);
        if (sse)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        var response = await _server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct).Within();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(Ct)));
    }

    private static async Task<int> ReadValueAsync(StreamReader reader)
    {
        var line = (await reader.ReadLineAsync(Ct).AsTask().Within()).ShouldNotBeNull();
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.GetProperty(Flavor).GetInt32();
    }

    /// <summary>Reads lines until one says <paramref name="expected"/>; heartbeats and intermediate values are skipped.</summary>
    private static async Task ReadUntilAsync(StreamReader reader, int expected)
    {
        while (await ReadValueAsync(reader) != expected)
        {
        }
    }

    private async Task PostAsync(long job, string action)
    {
        using var posted = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(job, action, runnerName: action == "queued" ? null : $"outside-{job}"));
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Stream_JobsQueuedThenCompleted_PressureRisesThenFallsToTheFloor()
    {
        var (response, reader) = await OpenAsync();
        using (response)
        using (reader)
        {
            (await ReadValueAsync(reader)).ShouldBe(1);

            await PostAsync(1, "queued");
            await PostAsync(2, "queued");
            await PostAsync(3, "queued");
            await ReadUntilAsync(reader, 3);

            await PostAsync(1, "in_progress");
            await PostAsync(1, "completed");
            await PostAsync(2, "completed");
            await PostAsync(3, "completed");
            await ReadUntilAsync(reader, 1);
        }

        (await _server.Store.ListInstancesAsync(InstanceQuery.All, Ct)).ShouldBeEmpty("a pressure-only pool never gets an instance");
        (await _server.Store.GetJobAsync(new("github", 3), Ct)).ShouldNotBeNull().Pool.ShouldBe(Flavor);
    }

    [Fact]
    public async Task Stream_Idle_HeartbeatsRepeatTheCurrentValue()
    {
        var (response, reader) = await OpenAsync();
        using (response)
        using (reader)
        {
            for (var i = 0; i < 4; i++)
            {
                (await ReadValueAsync(reader)).ShouldBe(1);
            }
        }
    }

    [Fact]
    public async Task Stream_ClientDrops_ReleasedAndAReconnectGetsTheCurrentValue()
    {
        var board = _server.App.Services.GetRequiredService<PressureBoard>();
        var (response, reader) = await OpenAsync();
        (await ReadValueAsync(reader)).ShouldBe(1);
        board.Watchers.ShouldBe(1);

        reader.Dispose();
        response.Dispose();
        await Poll.UntilAsync(() => board.Watchers == 0, TaskDeadlines.Call, "the dropped stream to be released", Ct);
        await PostAsync(10, "queued");
        await PostAsync(11, "queued");
        await Poll.UntilAsync(() => board.Current.Values.GetValueOrDefault(Flavor) == 2, TaskDeadlines.Call, "pressure 2", Ct);

        var (again, againReader) = await OpenAsync();
        using (again)
        using (againReader)
        {
            (await ReadValueAsync(againReader)).ShouldBe(2);
        }
    }

    [Fact]
    public async Task Stream_AsServerSentEvents_EventsCarryIdsAndHeartbeatsAreComments()
    {
        var (response, reader) = await OpenAsync(sse: true);
        using (response)
        using (reader)
        {
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
            var lines = new List<string>();
            while (lines.Count(l => l == ": heartbeat") < 2)
            {
                lines.Add((await reader.ReadLineAsync(Ct).AsTask().Within()).ShouldNotBeNull());
            }

            lines.ShouldContain("event: pressure");
            lines.ShouldContain(l => l.StartsWith("id: ", StringComparison.Ordinal));
            lines.ShouldContain($"data: {{\"{Flavor}\":1}}");
        }
    }

    [Fact]
    public async Task Flavors_ListAndGet_ShowThePoolAsAFlavor()
    {
        using var list = await ApiClient.SendAsync(_server, HttpMethod.Get, "/api/v1/flavors", _planner);
        using var one = await ApiClient.SendAsync(_server, HttpMethod.Get, $"/api/v1/flavors/{Flavor}", _planner);
        using var pressure = await ApiClient.SendAsync(_server, HttpMethod.Get, $"/api/v1/flavors/{Flavor}/pressure", _planner);
        using var missing = await ApiClient.SendAsync(_server, HttpMethod.Get, "/api/v1/flavors/nope/pressure", _planner);

        using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Ct));
        var flavor = doc.RootElement.GetProperty("items").EnumerateArray().Single();
        flavor.GetProperty("name").GetString().ShouldBe(Flavor);
        flavor.GetProperty("platform").GetString().ShouldBe("linux-x64");
        flavor.GetProperty("minimum_pressure").GetInt32().ShouldBe(1);
        flavor.GetProperty("pressure_only").GetBoolean().ShouldBeTrue();
        flavor.GetProperty("pressure").GetInt32().ShouldBe(1);
        one.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pressure.Content.ReadAsStringAsync(Ct)).ShouldBe($"{{\"{Flavor}\":1}}");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
