using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hangar.Emulator.Tests.Support;

/// <summary>A started emulator plus an authenticated REST client for it.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string Token = "ghp_emulator_test_token";

    private TestEmulator(EmulatorHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.ApiUrl, Timeout = TestTimeouts.Default };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
        Anonymous = new HttpClient { BaseAddress = host.ApiUrl, Timeout = TestTimeouts.Default };
    }

    public EmulatorHost Host { get; }

    /// <summary>Sends the PAT.</summary>
    public HttpClient Http { get; }

    /// <summary>Sends no credentials (control API and runner protocol).</summary>
    public HttpClient Anonymous { get; }

    public static async Task<TestEmulator> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Token = Token };
        options = configure?.Invoke(options) ?? options;
        return new TestEmulator(await EmulatorHost.StartAsync(options, TestTimeouts.Token()).WaitAsync(TestTimeouts.Default));
    }

    /// <summary>Registers a runner through the REST API; returns its id and encoded JIT config.</summary>
    public async Task<(long Id, string JitConfig)> RegisterAsync(string scopePath, string name, string[] labels, long group = 1)
    {
        var response = await Http.PostAsJsonAsync(
            $"{scopePath}/actions/runners/generate-jitconfig",
            new { name, runner_group_id = group, labels, work_folder = "_work" },
            TestTimeouts.Token());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestTimeouts.Token()))!;
        ((int)response.StatusCode).ShouldBe(201, body.ToJsonString());
        return (body["runner"]!["id"]!.GetValue<long>(), body["encoded_jit_config"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await Host.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }
}
