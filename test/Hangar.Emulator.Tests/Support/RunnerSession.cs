using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hangar.Emulator.Runner;

namespace Hangar.Emulator.Tests.Support;

/// <summary>Speaks the emulator's runner protocol over raw HTTP, so tests can see its status codes.</summary>
internal sealed class RunnerSession : IDisposable
{
    private readonly HttpClient _http;

    public RunnerSession(string jitConfig)
    {
        Settings = RunnerSettings.Decode(jitConfig);
        _http = new HttpClient { BaseAddress = Settings.ServerUrl, Timeout = TestTimeouts.Default };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Settings.Token);
    }

    public RunnerSettings Settings { get; }

    public Task<HttpResponseMessage> ConnectAsync() =>
        _http.PostAsJsonAsync("_runner/connect", new { os = "Linux" }, TestTimeouts.Token());

    public Task<HttpResponseMessage> PollAsync(double waitSeconds = 0) =>
        _http.GetAsync($"_runner/job?wait_seconds={waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}", TestTimeouts.Token());

    public Task<HttpResponseMessage> CompleteAsync(long jobId) =>
        _http.PostAsJsonAsync($"_runner/jobs/{jobId}/complete", new { conclusion = "success" }, TestTimeouts.Token());

    /// <summary>Connects and polls once; returns the assigned job id or null.</summary>
    public async Task<long?> ConnectAndTakeAsync(double waitSeconds = 0)
    {
        ((int)(await ConnectAsync()).StatusCode).ShouldBe(200);
        var poll = await PollAsync(waitSeconds);
        return (int)poll.StatusCode == 204 ? null : (await poll.JsonAsync())["job"]!["id"]!.GetValue<long>();
    }

    public void Dispose() => _http.Dispose();
}
