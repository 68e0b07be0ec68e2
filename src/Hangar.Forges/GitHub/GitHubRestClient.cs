using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub.Auth;
using Hangar.Forges.GitHub.Budget;
using Microsoft.Extensions.Logging;
using Polly;

namespace Hangar.Forges.GitHub;

/// <summary>Sends GitHub REST requests with the required headers and retries, within the forge's request budget (polling
/// GETs sent conditionally), and turns failures into <see cref="ForgeException"/>s that carry the status and GitHub's
/// message but never a credential.</summary>
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
    private readonly GitHubRequestBudget _budget;
    private readonly GitHubConditionalCache _cache;

    public GitHubRestClient(GitHubForgeOptions options, HttpClient http, ILogger logger, TimeProvider timeProvider)
    {
        options.Validate();
        _http = http;
        _forge = options.Name;
        _logger = logger;
        _apiBaseText = options.ApiUrl.TrimEnd('/');
        _apiBase = new Uri(_apiBaseText + "/");
        _pipeline = GitHubResilience.Create(options.Name, logger, timeProvider);
        _budget = new GitHubRequestBudget(options.Name, options.RateLimitReserve, timeProvider, logger);
        _cache = new GitHubConditionalCache(options.ResponseCacheEntries);
        _credential = options.App is { } app
            ? new GitHubAppCredential(app, this, timeProvider, logger, options.Name)
            : new PersonalAccessTokenCredential(options.Token!);
    }

    /// <summary>An absolute URL for an API path (starting with <c>/</c>), keeping any path of the base (GHES <c>/api/v3</c>).</summary>
    public Uri Resolve(string pathAndQuery) => new(_apiBaseText + pathAndQuery);

    /// <summary>The request budget (tests and diagnostics).</summary>
    internal GitHubRequestBudget Budget => _budget;

    /// <summary>Lets a call about <paramref name="subject"/> go out, or throws <see cref="ForgeBudgetExceededException"/>
    /// when the budget holds it back. Asked once per logical call, so a multi-page call is never cut in the middle.</summary>
    public void Admit(GitHubCall call, ForgeTarget target, string subject) => _budget.Admit(_credential.QuotaKey(target), call, subject);

    /// <summary>Sends one request about <paramref name="target"/> through the retry pipeline, authenticated with the
    /// forge's credential for that target. A 401 is retried once with a fresh credential when the credential can renew
    /// (an App installation token revoked early), never otherwise. A conditional call sends the kept <c>ETag</c> and
    /// gets a 304 back as the kept body. The caller owns (and disposes) the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, byte[]? jsonBody, ForgeTarget target, GitHubCall call, CancellationToken cancellationToken)
    {
        var cached = call.Conditional ? _cache.Find(uri) : null;
        var request = new GitHubRestRequest(method, uri, jsonBody, target, null, call, cached?.ETag);
        var response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && _credential.Invalidate(target))
        {
            response.Dispose();
            GitHubForgeLog.CredentialRejected(_logger, _forge, Describe(method, uri));
            response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return call.Conditional ? await _cache.ApplyAsync(uri, response, cached, cancellationToken).ConfigureAwait(false) : response;
    }

    /// <summary>Sends a request authenticated as the App itself (a JWT), for <c>/app/...</c> and installation lookups.</summary>
    public Task<HttpResponseMessage> SendAsAppAsync(HttpMethod method, Uri uri, string jwt, GitHubCall call, CancellationToken cancellationToken) =>
        SendCoreAsync(new GitHubRestRequest(method, uri, null, null, jwt, call, null), cancellationToken);

    private async Task<HttpResponseMessage> SendCoreAsync(GitHubRestRequest request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(GitHubResilience.RequestKey, Describe(request.Method, request.Uri));
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    var (client, request) = state;
                    var call = request.Call;
                    // Asked per attempt: a retry after a long rate-limit wait may need a renewed installation token.
                    var token = request.Bearer ?? await client._credential.GetTokenAsync(request.Target!, ctx.CancellationToken).ConfigureAwait(false);

                    // A request message cannot be sent twice, so every attempt builds its own.
                    using var message = CreateRequest(request, token);
                    try
                    {
                        var response = await client._http.SendAsync(message, ctx.CancellationToken).ConfigureAwait(false);
                        GitHubMetrics.Response(client._forge, response);
                        client._budget.Observe(request.Target is { } target ? client._credential.QuotaKey(target) : AppQuotaKey, response);
                        ForgeRequestMetrics.Record(client._forge, call.Tag, call.Priority, (int)response.StatusCode switch
                        {
                            304 => ForgeRequestMetrics.NotModified,
                            < 400 => ForgeRequestMetrics.Ok,
                            _ => ForgeRequestMetrics.Error,
                        });
                        return response;
                    }
                    catch (HttpRequestException)
                    {
                        GitHubMetrics.Failure(client._forge, "network");
                        ForgeRequestMetrics.Record(client._forge, call.Tag, call.Priority, ForgeRequestMetrics.Error);
                        throw;
                    }
                    catch (OperationCanceledException) when (!ctx.CancellationToken.IsCancellationRequested)
                    {
                        GitHubMetrics.Failure(client._forge, "timeout");
                        ForgeRequestMetrics.Record(client._forge, call.Tag, call.Priority, ForgeRequestMetrics.Error);
                        throw;
                    }
                },
                context,
                (Client: this, Request: request)).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ForgeException($"GitHub {Describe(request.Method, request.Uri)} failed: {ex.HttpRequestError}", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ForgeException($"GitHub {Describe(request.Method, request.Uri)} timed out", null, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => (_credential as IDisposable)?.Dispose();

    /// <summary>Every page of a paginated list, following <c>Link: rel="next"</c> until it is absent.</summary>
    public async Task<IReadOnlyList<TPage>> GetPagesAsync<TPage>(Uri first, JsonTypeInfo<TPage> typeInfo, ForgeTarget target, GitHubCall call, CancellationToken cancellationToken)
    {
        var pages = new List<TPage>();
        var seen = new HashSet<Uri>();
        for (Uri? next = first; next is not null;)
        {
            if (!seen.Add(next))
            {
                throw new ForgeException($"GitHub pagination loops back to {Describe(HttpMethod.Get, next)}");
            }

            using var response = await SendAsync(HttpMethod.Get, next, null, target, call, cancellationToken).ConfigureAwait(false);
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

    private static HttpRequestMessage CreateRequest(GitHubRestRequest request, string token)
    {
        var message = new HttpRequestMessage(request.Method, request.Uri);
        message.Headers.Accept.Add(AcceptJson);
        message.Headers.Accept.Add(AcceptPlainJson);
        message.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        message.Headers.UserAgent.Add(UserAgent);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.IfNoneMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", request.IfNoneMatch);
        }

        if (request.JsonBody is not null)
        {
            message.Content = new ByteArrayContent(request.JsonBody);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return message;
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

    /// <summary>App JWT calls have their own quota, apart from every installation's.</summary>
    private const string AppQuotaKey = "app";

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
