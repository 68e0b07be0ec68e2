using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub.Auth;
using Microsoft.Extensions.Logging;
using Polly;

namespace Hangar.Forges.GitHub;

/// <summary>Sends GitHub REST requests with the required headers and retries, and turns failures into
/// <see cref="ForgeException"/>s that carry the status and GitHub's message but never a credential.</summary>
internal sealed class GitHubRestClient : IDisposable
{
    private const string ApiVersion = "2022-11-28";
    private const int MaxErrorMessageLength = 300;

    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/vnd.github+json");

    // GitHub answers application/json either way; naming it too keeps strict negotiators (prism serving GitHub's own
    // description, whose responses are declared as application/json) from answering 406.
    private static readonly MediaTypeWithQualityHeaderValue AcceptPlainJson = new("application/json", 0.9);
    private static readonly ProductInfoHeaderValue UserAgent = new("Hangar", ProductVersion());

    private readonly HttpClient _http;
    private readonly Uri _apiBase;
    private readonly string _apiBaseText;
    private readonly string _forge;
    private readonly ILogger _logger;
    private readonly IGitHubCredential _credential;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public GitHubRestClient(GitHubForgeOptions options, HttpClient http, ILogger logger, TimeProvider timeProvider)
    {
        options.Validate();
        _http = http;
        _forge = options.Name;
        _logger = logger;
        _apiBaseText = options.ApiUrl.TrimEnd('/');
        _apiBase = new Uri(_apiBaseText + "/");
        _pipeline = GitHubResilience.Create(options.Name, logger, timeProvider);
        _credential = options.App is { } app
            ? new GitHubAppCredential(app, this, timeProvider, logger, options.Name)
            : new PersonalAccessTokenCredential(options.Token!);
    }

    /// <summary>An absolute URL for an API path (starting with <c>/</c>), keeping any path of the base (GHES <c>/api/v3</c>).</summary>
    public Uri Resolve(string pathAndQuery) => new(_apiBaseText + pathAndQuery);

    /// <summary>Sends one request about <paramref name="target"/> through the retry pipeline, authenticated with the
    /// forge's credential for that target. A 401 is retried once with a fresh credential when the credential can renew
    /// (an App installation token revoked early), never otherwise. The caller owns (and disposes) the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, byte[]? jsonBody, ForgeTarget target, CancellationToken cancellationToken)
    {
        var response = await SendCoreAsync(method, uri, jsonBody, target, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || !_credential.Invalidate(target))
        {
            return response;
        }

        response.Dispose();
        GitHubForgeLog.CredentialRejected(_logger, _forge, Describe(method, uri));
        return await SendCoreAsync(method, uri, jsonBody, target, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request authenticated as the App itself (a JWT), for <c>/app/...</c> and installation lookups.</summary>
    public Task<HttpResponseMessage> SendAsAppAsync(HttpMethod method, Uri uri, string jwt, CancellationToken cancellationToken) =>
        SendCoreAsync(method, uri, null, null, jwt, cancellationToken);

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, Uri uri, byte[]? jsonBody, ForgeTarget? target, string? bearer, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(GitHubResilience.RequestKey, Describe(method, uri));
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    var client = state.Client;
                    // Asked per attempt: a retry after a long rate-limit wait may need a renewed installation token.
                    var token = state.Bearer ?? await client._credential.GetTokenAsync(state.Target!, ctx.CancellationToken).ConfigureAwait(false);

                    // A request message cannot be sent twice, so every attempt builds its own.
                    using var request = CreateRequest(state.Method, state.Uri, state.Body, token);
                    try
                    {
                        var response = await client._http.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                        GitHubMetrics.Response(client._forge, response);
                        return response;
                    }
                    catch (HttpRequestException)
                    {
                        GitHubMetrics.Failure(client._forge, "network");
                        throw;
                    }
                    catch (OperationCanceledException) when (!ctx.CancellationToken.IsCancellationRequested)
                    {
                        GitHubMetrics.Failure(client._forge, "timeout");
                        throw;
                    }
                },
                context,
                (Client: this, Method: method, Uri: uri, Body: jsonBody, Target: target, Bearer: bearer)).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ForgeException($"GitHub {Describe(method, uri)} failed: {ex.HttpRequestError}", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ForgeException($"GitHub {Describe(method, uri)} timed out", null, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => (_credential as IDisposable)?.Dispose();

    /// <summary>Every page of a paginated list, following <c>Link: rel="next"</c> until it is absent.</summary>
    public async Task<IReadOnlyList<TPage>> GetPagesAsync<TPage>(Uri first, JsonTypeInfo<TPage> typeInfo, ForgeTarget target, CancellationToken cancellationToken)
    {
        var pages = new List<TPage>();
        var seen = new HashSet<Uri>();
        for (Uri? next = first; next is not null;)
        {
            if (!seen.Add(next))
            {
                throw new ForgeException($"GitHub pagination loops back to {Describe(HttpMethod.Get, next)}");
            }

            using var response = await SendAsync(HttpMethod.Get, next, null, target, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            pages.Add(await ReadAsync(response, typeInfo, cancellationToken).ConfigureAwait(false));
            next = NextPage(response);
        }

        return pages;
    }

    public async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var request = Describe(response.RequestMessage);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw new ForgeException($"GitHub {request} returned an empty body", (int)response.StatusCode);
            }
        }
        catch (JsonException ex)
        {
            // JsonException names the path and position, never the values: safe to keep as the inner exception.
            throw new ForgeException($"GitHub {request} returned an unexpected body", (int)response.StatusCode, ex);
        }
    }

    public async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A <see cref="ForgeException"/> with the status and GitHub's <c>message</c> field.</summary>
    public static async Task<ForgeException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var message = await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
        var text = $"GitHub {Describe(response.RequestMessage)} returned {status}";
        return new ForgeException(message is null ? text : $"{text}: {message}", status);
    }

    private static async Task<string?> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var message = body.Length == 0 ? null : JsonSerializer.Deserialize(body, GitHubJsonContext.Default.GitHubErrorResponse)?.Message;
            return message is { Length: > MaxErrorMessageLength } ? message[..MaxErrorMessageLength] + "…" : message;
        }
        catch (JsonException)
        {
            // Proxies in front of GHES answer with HTML; the status alone has to do.
            return null;
        }
    }

    private static HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, byte[]? jsonBody, string token)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(AcceptJson);
        request.Headers.Accept.Add(AcceptPlainJson);
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    /// <summary>The next page, only if it stays on our API host: the token must never be sent anywhere else.</summary>
    private Uri? NextPage(HttpResponseMessage response)
    {
        if (GitHubLinkHeader.FindNext(response) is not { } link)
        {
            return null;
        }

        if (!Uri.TryCreate(link, UriKind.Absolute, out var next)
            || Uri.Compare(next, _apiBase, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0
            || !next.AbsolutePath.StartsWith(_apiBase.AbsolutePath, StringComparison.Ordinal))
        {
            throw new ForgeException($"GitHub {Describe(response.RequestMessage)} returned a next-page link outside {_apiBaseText}");
        }

        return next;
    }

    private static string Describe(HttpRequestMessage? request) =>
        request?.RequestUri is { } uri ? Describe(request.Method, uri) : "request";

    private static string Describe(HttpMethod method, Uri uri) => $"{method} {uri.AbsolutePath}";

    private static string ProductVersion()
    {
        var version = typeof(GitHubRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = version?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return string.IsNullOrEmpty(version) ? "0.0.0" : plus > 0 ? version[..plus] : version;
    }
}
