using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hangar.Emulator.Runner.Protocol;

namespace Hangar.Emulator.Runner;

/// <summary>The emulator's runner protocol (<c>/_runner/...</c>), authenticated with the runner secret.</summary>
internal sealed class EmulatorClient(RunnerSettings settings, HttpClient http)
{
    private static readonly TimeSpan RequestSlack = TimeSpan.FromSeconds(15);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var body = $$"""{"os":"{{(OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsWindows() ? "Windows" : "macOS")}}"}""";
        using var response = await SendAsync(HttpMethod.Post, "_runner/connect", body, RequestSlack, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "connect", conflict: "this JIT config was already used (a JIT config is single-use)");
    }

    /// <summary>Waits up to <paramref name="wait"/> for a job; null when none came.</summary>
    public async Task<RunnerJob?> PollAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(0, wait.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);
        using var response = await SendAsync(HttpMethod.Get, $"_runner/job?wait_seconds={seconds}", null, wait + RequestSlack, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        EnsureSuccess(response, "poll", conflict: "the runner is not connected");
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var job = (await JsonSerializer.DeserializeAsync(stream, RunnerJsonContext.Default.JobAssignment, cancellationToken).ConfigureAwait(false))?.Job
                ?? throw new JsonException("no job in the answer");
            return new RunnerJob(job.Id, job.Name ?? "job", TimeSpan.FromMilliseconds(job.DurationMs));
        }
        catch (JsonException)
        {
            throw new RunnerException("cannot poll: the server's answer is not a job assignment");
        }
    }

    public async Task CompleteAsync(long jobId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"_runner/jobs/{jobId}/complete", """{"conclusion":"success"}""", RequestSlack, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "complete the job", conflict: null);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(settings.ServerUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await http.SendAsync(request, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"no answer from {settings.ServerUrl} within {timeout.TotalSeconds:0} s");
        }
    }

    private static void EnsureSuccess(HttpResponseMessage response, string what, string? conflict)
    {
        switch (response.StatusCode)
        {
            case >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous:
                return;
            case HttpStatusCode.Unauthorized:
                throw new RunnerException($"cannot {what}: the server does not know this runner's credentials");
            case HttpStatusCode.NotFound:
                throw new RunnerException($"cannot {what}: the runner registration was removed");
            case HttpStatusCode.Conflict when conflict is not null:
                throw new RunnerException($"cannot {what}: {conflict}");
            default:
                throw new RunnerException($"cannot {what}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }
}
