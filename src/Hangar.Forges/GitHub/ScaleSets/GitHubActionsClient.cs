using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub.Budget;
using Microsoft.Extensions.Logging;
using Polly;

namespace Hangar.Forges.GitHub.ScaleSets;

/// <summary>
/// Sends Actions-service and message-queue requests (reference section 6.1): the admin token comes from the registration
/// exchange per target and is renewed a minute before it expires, or at once after a 401 (then the call is tried once
/// more); 429 and 5xx are retried with back-off by the same rules as REST calls. Every call carries
/// <c>api-version=6.0-preview</c> and a JSON User-Agent.
/// </summary>
internal sealed class GitHubActionsClient(GitHubRestClient rest, HttpClient http, string forge, string apiUrl, ILogger logger, TimeProvider time)
{
    private const string ApiVersion = "api-version=6.0-preview";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = GitHubResilience.Create(forge, logger, time);
    private readonly ConcurrentDictionary<ForgeTarget, ActionsConnection> _connections = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly Uri _webBase = WebBase(apiUrl);

    public string Forge => forge;

    /// <summary>A call with the admin token, to <paramref name="path"/> under the service URL.</summary>
    public async Task<HttpResponseMessage> SendAsync(ForgeTarget target, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(target, null, cancellationToken).ConfigureAwait(false);
        var response = await SendCoreAsync(method, Resolve(connection, path), connection.AdminToken, body, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        GitHubForgeLog.ActionsAdminTokenRejected(logger, forge, target.ToString());
        connection = await ConnectAsync(target, connection, cancellationToken).ConfigureAwait(false);
        return await SendCoreAsync(method, Resolve(connection, path), connection.AdminToken, body, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A call with a session's queue token: to the queue itself, or to a service path (<c>acquirejobs</c>).</summary>
    public async Task<HttpResponseMessage> SendWithQueueTokenAsync(ForgeTarget target, HttpMethod method, Uri? queueUri, string? path, string queueToken, JsonNode? body, int? maxCapacity, CancellationToken cancellationToken)
    {
        var uri = queueUri ?? Resolve(await ConnectAsync(target, null, cancellationToken).ConfigureAwait(false), path!);
        return await SendCoreAsync(method, uri, queueToken, body, maxCapacity, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, Uri uri, string bearer, JsonNode? body, int? maxCapacity, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(GitHubResilience.RequestKey, $"{method} {uri.AbsolutePath}");
        try
        {
            return await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    using var message = new HttpRequestMessage(method, uri);
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                    if (maxCapacity is { } capacity)
                    {
                        message.Headers.Add("X-ScaleSetMaxCapacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    if (body is not null)
                    {
                        message.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                    }

                    var response = await http.SendAsync(message, ctx.CancellationToken).ConfigureAwait(false);
                    GitHubMetrics.Response(forge, response);
                    return response;
                },
                context).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ForgeException($"GitHub Actions service {method} {uri.AbsolutePath} failed: {ex.HttpRequestError}", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ForgeException($"GitHub Actions service {method} {uri.AbsolutePath} timed out", null, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The target's connection, renewed when it expires within a minute or is <paramref name="rejected"/>.</summary>
    private async Task<ActionsConnection> ConnectAsync(ForgeTarget target, ActionsConnection? rejected, CancellationToken cancellationToken)
    {
        if (_connections.TryGetValue(target, out var current) && current != rejected && current.ExpiresAt - time.GetUtcNow() > RenewBefore)
        {
            return current;
        }

        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connections.TryGetValue(target, out current) && current != rejected && current.ExpiresAt - time.GetUtcNow() > RenewBefore)
            {
                return current;
            }

            var connection = await GitHubActionsRegistration.ExchangeAsync(rest, http, _webBase, target, time, cancellationToken).ConfigureAwait(false);
            _connections[target] = connection;
            GitHubForgeLog.ActionsConnected(logger, forge, target.ToString(), connection.ServiceUrl.GetLeftPart(UriPartial.Authority), connection.ExpiresAt);
            return connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private static Uri Resolve(ActionsConnection connection, string path)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new Uri(connection.ServiceUrl, $"{path}{separator}{ApiVersion}");
    }

    /// <summary>The web host for a REST base (reference section 1): api.github.com → github.com, GHES /api/v3 → the host;
    /// anything else (the emulator) is its own web host.</summary>
    internal static Uri WebBase(string apiUrl)
    {
        var api = new Uri(apiUrl.TrimEnd('/') + "/");
        if (api.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri($"{api.Scheme}://{api.Host[4..]}/");
        }

        return api.AbsolutePath.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase)
            ? new Uri(api, api.AbsolutePath[..^"api/v3/".Length])
            : api;
    }

    private static readonly string UserAgent = new JsonObject
    {
        ["system"] = "hangar",
        ["version"] = typeof(GitHubActionsClient).Assembly.GetName().Version?.ToString() ?? "0",
        ["subsystem"] = "listener",
        ["kind"] = "scaleset",
    }.ToJsonString();
}
