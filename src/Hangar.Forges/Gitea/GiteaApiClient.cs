using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hangar.Core.Forges;
using Microsoft.Extensions.Logging;
using Polly;

namespace Hangar.Forges.Gitea;

/// <summary>
/// Sends Gitea's and Forgejo's REST requests (<c>Authorization: token …</c>) through a retry pipeline, and turns
/// failures and malformed answers into <see cref="ForgeException"/>s that carry the status and the forge's message but
/// never the token. Shared by both forges: they keep Gitea's API base, auth and error shape.
/// </summary>
internal sealed class GiteaApiClient
{
    private const int MaxErrorMessageLength = 300;

    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("Hangar", "1.0");

    private readonly HttpClient _http;
    private readonly string _apiBase;
    private readonly string _token;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public GiteaApiClient(GiteaFamilyOptions options, string type, HttpClient http, ILogger logger, TimeProvider time)
    {
        _http = http;
        Forge = options.Name;
        Type = type;
        BaseUrl = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        _apiBase = options.ApiUrl;
        _token = options.Token!;
        _pipeline = GiteaResilience.Create(options.Name, logger, time);
    }

    public string Forge { get; }

    /// <summary><c>Gitea</c> or <c>Forgejo</c>, for messages.</summary>
    public string Type { get; }

    /// <summary>The web root runners connect to.</summary>
    public Uri BaseUrl { get; }

    /// <summary>An absolute URL for an API path starting with <c>/</c> (under <c>/api/v1</c>).</summary>
    public Uri Api(string pathAndQuery) => new(_apiBase + pathAndQuery);

    /// <summary>Sends one request; the caller owns the response. <paramref name="kind"/> names it in metrics. The token
    /// goes only to the REST API (<paramref name="authenticated"/>), never to the runner protocol.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, byte[]? jsonBody, string kind, ForgePriority priority, CancellationToken ct, bool authenticated = true)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(GiteaResilience.RequestKey, Describe(method, uri));
        try
        {
            return await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    using var request = new HttpRequestMessage(state.method, state.uri);
                    if (state.authenticated)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("token", _token);
                    }

                    request.Headers.Accept.Add(AcceptJson);
                    request.Headers.UserAgent.Add(UserAgent);
                    if (state.jsonBody is not null)
                    {
                        request.Content = new ByteArrayContent(state.jsonBody);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }

                    try
                    {
                        var response = await _http.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                        ForgeRequestMetrics.Record(Forge, kind, priority, (int)response.StatusCode < 400 ? ForgeRequestMetrics.Ok : ForgeRequestMetrics.Error);
                        return response;
                    }
                    catch (Exception) when (!ctx.CancellationToken.IsCancellationRequested)
                    {
                        ForgeRequestMetrics.Record(Forge, kind, priority, ForgeRequestMetrics.Error);
                        throw;
                    }
                },
                context,
                (method, uri, jsonBody, authenticated)).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ForgeException($"{Type} {Describe(method, uri)} failed: {ex.HttpRequestError}", null, ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ForgeException($"{Type} {Describe(method, uri)} timed out", null, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Sends a GET and reads its JSON body; 404 is null.</summary>
    public async Task<T?> GetOrNullAsync<T>(Uri uri, JsonTypeInfo<T> typeInfo, string kind, ForgePriority priority, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, uri, null, kind, priority, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }

        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        return await ReadAsync(response, typeInfo, ct).ConfigureAwait(false);
    }

    /// <summary>Throws a <see cref="ForgeException"/> with the forge's <c>message</c> for a non-success status.</summary>
    public async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await ErrorMessageAsync(response, ct).ConfigureAwait(false);
        var request = response.RequestMessage is { } r ? Describe(r.Method, r.RequestUri!) : "request";
        throw new ForgeException($"{Type} {request} returned {(int)response.StatusCode}{(detail is null ? "" : $": {detail}")}", (int)response.StatusCode);
    }

    /// <summary>The body as <typeparamref name="T"/>; a body that is not what the forge documents is a
    /// <see cref="ForgeException"/> naming the request, never a crash further on. JSON <c>null</c> reads as null.</summary>
    public async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        var request = response.RequestMessage is { } r ? Describe(r.Method, r.RequestUri!) : "request";
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, ct).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw new ForgeException($"{Type} {request} returned a malformed body: {ex.Message}", (int)response.StatusCode, ex);
        }
    }

    /// <summary>The forge's <c>{"message": …}</c>, shortened; null when the body has none.</summary>
    private static async Task<string?> ErrorMessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                var value = message.GetString()!;
                return value.Length <= MaxErrorMessageLength ? value : value[..MaxErrorMessageLength] + "…";
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the status says enough.
        }

        return null;
    }

    /// <summary>Method and path without the query (which may carry labels but never a credential: the token is a header).</summary>
    public static string Describe(HttpMethod method, Uri uri) => $"{method} {uri.AbsolutePath}";
}
