using System.Text.Json;

namespace Hangar.Cli.Api;

/// <summary>
/// The read side of the REST API for commands: every failure (no connection, a refusal, a missing object, a body that
/// is not JSON) becomes a <see cref="CliException"/> with one line, which <see cref="CliAction"/> prints.
/// </summary>
internal sealed class ApiClient(HttpClient http)
{
    public Uri Server => http.BaseAddress!;

    /// <summary>One object, e.g. <c>api/v1/runners/NAME</c>.</summary>
    public async Task<JsonElement> GetAsync(string path, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false) ?? throw NotJson(path);

    /// <summary>
    /// Any request (a write: <c>POST</c>, <c>DELETE</c>...) with an optional JSON body; the answer's JSON, or null when
    /// the server answered without a body (204).
    /// </summary>
    public async Task<JsonElement?> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var (status, body) = await ExchangeAsync(method, path, content, ct).ConfigureAwait(false);
        if ((int)status is < 200 or > 299)
        {
            throw ApiFailure.From(Server, status, body);
        }

        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw NotJson(path);
        }
    }

    private CliException NotJson(string path) =>
        new($"{ApiFailure.Origin(Server)} answered {path} with something other than JSON; is it a Hangar server?", ExitCodes.Unavailable);

    /// <summary>A paged list read to its end, or to <paramref name="limit"/> items.</summary>
    public async Task<ApiList> ListAsync(string path, int? limit, CancellationToken ct)
    {
        var reader = new ApiListReader(http);
        return await SendAsync(() => reader.ReadAsync(path, limit, ct), ct).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(Func<Task<T>> send, CancellationToken ct)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach {ApiFailure.Origin(Server)}: {ex.Message}", ExitCodes.Unavailable);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"{ApiFailure.Origin(Server)} did not answer within {http.Timeout.TotalSeconds:0} s", ExitCodes.Unavailable);
        }
    }

    private Task<(System.Net.HttpStatusCode Status, string Body)> ExchangeAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct) => SendAsync(async () =>
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
    }, ct);
}
