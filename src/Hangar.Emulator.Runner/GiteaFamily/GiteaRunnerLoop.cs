using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Hangar.Emulator.Runner.GiteaFamily;

/// <summary>
/// A one-job Gitea/Forgejo runner over the runner protocol (Connect JSON): register with the shared token when that is
/// all it has, declare its labels, fetch until one task arrives, "run" it, report success and exit — what
/// <c>act_runner daemon --once</c> and <c>forgejo-runner one-job</c> do.
/// </summary>
internal sealed class GiteaRunnerLoop(GiteaRunnerLogin login, HttpClient http, TextWriter output, TimeProvider time)
{
    private static readonly TimeSpan FetchInterval = TimeSpan.FromMilliseconds(250);

    public async Task<int> RunAsync(TimeSpan idleTimeout, CancellationToken ct)
    {
        var (uuid, token) = (login.Uuid, login.Token);
        if (uuid is null || token is null)
        {
            using var registered = await CallAsync("Register", $$"""{"name":{{Quote(login.Name)}},"token":{{Quote(login.RegistrationToken!)}},"version":"emulated","labels":{{Labels()}},"ephemeral":true}""", null, null, ct).ConfigureAwait(false);
            var runner = registered.RootElement.GetProperty("runner");
            (uuid, token) = (runner.GetProperty("uuid").GetString(), runner.GetProperty("token").GetString());
            await output.WriteLineAsync("runner registered with the shared registration token").ConfigureAwait(false);
        }

        (await CallAsync("Declare", $$"""{"version":"emulated","labels":{{Labels()}}}""", uuid, token, ct).ConfigureAwait(false)).Dispose();
        await output.WriteLineAsync($"runner {login.Name} declared, waiting for one job").ConfigureAwait(false);
        var deadline = time.GetUtcNow() + idleTimeout;
        while (time.GetUtcNow() < deadline)
        {
            using var fetched = await CallAsync("FetchTask", """{"tasks_version":"0"}""", uuid, token, ct).ConfigureAwait(false);
            if (fetched.RootElement.TryGetProperty("task", out var task) && task.ValueKind == JsonValueKind.Object)
            {
                var id = task.GetProperty("id").GetString()!;
                var duration = task.TryGetProperty("hangar_duration_ms", out var ms) ? TimeSpan.FromMilliseconds(ms.GetInt64()) : TimeSpan.Zero;
                await output.WriteLineAsync($"running task {id}").ConfigureAwait(false);
                await Task.Delay(duration, time, ct).ConfigureAwait(false);
                (await CallAsync("UpdateTask", $$$"""{"state":{"id":{{{Quote(id)}}},"result":"RESULT_SUCCESS"}}""", uuid, token, ct).ConfigureAwait(false)).Dispose();
                await output.WriteLineAsync($"task {id} completed with result: success").ConfigureAwait(false);
                return RunnerExitCodes.Success;
            }

            await Task.Delay(FetchInterval, time, ct).ConfigureAwait(false);
        }

        throw new RunnerException($"no task within {idleTimeout}; giving up");
    }

    private async Task<JsonDocument> CallAsync(string method, string json, string? uuid, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(login.ForgeUrl, $"api/actions/runner.v1.RunnerService/{method}"))
        {
            Content = new StringContent(json, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Connect-Protocol-Version", "1");
        if (uuid is not null)
        {
            request.Headers.TryAddWithoutValidation("x-runner-uuid", uuid);
            request.Headers.TryAddWithoutValidation("x-runner-token", token);
        }

        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RunnerException($"{method} answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}: {body}");
        }

        return JsonDocument.Parse(body);
    }

    private string Labels() => "[" + string.Join(',', login.Labels.Select(Quote)) + "]";

    private static string Quote(string value) => JsonSerializer.Serialize(value, Protocol.RunnerJsonContext.Default.String);
}
