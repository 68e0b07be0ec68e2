using Hangar.Configuration.Loading;
using Hangar.Core.Access;
using Hangar.Core.Storage;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Api;

/// <summary>
/// <c>/tokens</c>, admin only: make a token (its secret is in that answer and nowhere else), list them (the file's
/// first, then the stored ones oldest first, paged; revoked ones with <c>all=true</c>), revoke one (at once, on every
/// replica: tokens are read from the store on every request).
/// </summary>
internal static class TokenEndpoints
{
    private const int MaxNameLength = 200;
    private const string LogCategory = "Hangar.Server.Api.Tokens";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/tokens", CreateAsync).RequireScope(ApiScope.Admin);
        api.MapGet("/tokens", ListAsync).RequireScope(ApiScope.Admin);
        api.MapDelete("/tokens/{id}", RevokeAsync).RequireScope(ApiScope.Admin);
    }

    private static async Task<Results<Created<TokenView>, ProblemHttpResult>> CreateAsync(
        HttpContext context, TokenRequest? request, IStore store, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        if (request?.Name is not { } name || string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            return BadRequest($"'name' is required: what the token is for, at most {MaxNameLength} characters");
        }

        if (!ApiScopes.TryParse(request.Scope, out var scope))
        {
            return BadRequest($"'scope' must be one of {string.Join(", ", ApiScopes.All.Select(ApiScopes.Name))}");
        }

        var now = time.GetUtcNow();
        DateTimeOffset? expires = request.ExpiresAt;
        if (request.ExpiresIn is { } text)
        {
            if (expires is not null)
            {
                return BadRequest("give 'expires_in' or 'expires_at', not both");
            }

            if (!DurationParser.TryParse(text, out var lifetime) || lifetime <= TimeSpan.Zero)
            {
                return BadRequest($"'expires_in' must be a positive duration such as 12h or 30d, got '{text}'");
            }

            expires = now + lifetime;
        }

        if (expires is { } at && at <= now)
        {
            return BadRequest("'expires_at' is in the past");
        }

        var (id, secret, hash) = ApiTokenFormat.Generate();
        var token = new ApiToken { Id = id, Name = name, Scope = scope, SecretHash = hash, CreatedAt = now, ExpiresAt = expires };
        await store.InsertApiTokenAsync(token, ct).ConfigureAwait(false);
        ApiLog.TokenCreated(logs.CreateLogger(LogCategory), id, name, ApiScopes.Name(scope), expires, Caller(context));
        return TypedResults.Created($"{context.Request.PathBase}/api/v1/tokens/{id}", ToView(token) with { Token = secret });
    }

    private static async Task<Results<Ok<ListPage<TokenView>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, IStore store, ConfiguredApiTokens configured, bool? all, string? limit, string? cursor, CancellationToken ct)
    {
        if (PageRequest.Parse(limit, cursor, out var error) is not { } page)
        {
            return ApiProblems.BadQuery(error!);
        }

        ApiTokenCursor? after = null;
        if (page.Cursor is { } text && !ApiCursor.TryDecode(text, out after))
        {
            return ApiProblems.BadCursor(text);
        }

        var stored = await store.ListApiTokensAsync(new ApiTokenQuery { IncludeRevoked = all == true, After = after, Limit = page.StoreLimit }, ct).ConfigureAwait(false);
        var result = ApiPaging.Page(request, page, stored, t => ApiCursor.Encode(ApiTokenCursor.Of(t)), ToView);
        if (after is not null)
        {
            return result;
        }

        // The file's tokens lead the first page: few, fixed, and never paged past.
        var fromFile = configured.All.Select(c => new TokenView(c.TokenId, c.Name, ApiScopes.Name(c.Scope), "config", null, null, null, null));
        return TypedResults.Ok(result.Value! with { Items = [.. fromFile, .. result.Value!.Items] });
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        HttpContext context, string id, IStore store, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        if (id.StartsWith(ApiCaller.ConfigPrefix, StringComparison.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: "a token from the configuration file is removed by editing server.api_tokens and restarting");
        }

        if (!await store.RevokeApiTokenAsync(id, time.GetUtcNow(), ct).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"no API token with id '{id}'");
        }

        ApiLog.TokenRevoked(logs.CreateLogger(LogCategory), id, Caller(context));
        return TypedResults.NoContent();
    }

    private static string Caller(HttpContext context) => context.Features.Get<ApiCaller>()?.TokenId ?? "";

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    private static TokenView ToView(ApiToken t) =>
        new(t.Id, t.Name, ApiScopes.Name(t.Scope), "api", t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
