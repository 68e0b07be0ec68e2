using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Emulator.Gitea;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Forgejo;

/// <summary>
/// Forgejo's side of the REST subset: the registration token (GET only), the runner job queue (a bare array or JSON
/// <c>null</c>; omitted <c>labels</c> match nothing on 11 and everything on 15), and on 15 REST registration and the runner
/// list as a bare array with <c>X-Total-Count</c> and <c>Link</c>. Forgejo 11 has no runner routes at all (404).
/// </summary>
internal static class ForgejoRestEndpoints
{
    public static async Task<IResult?> HandleAsync(HttpContext http, GiteaEmulatorState state, GiteaApiRequest request)
    {
        var v15 = state.Flavor == GiteaFlavor.Forgejo15;
        return (http.Request.Method, request.Rest) switch
        {
            ("GET", "runners/registration-token") => Results.Json(new JsonObject { ["token"] = state.RegistrationToken(request.Scope) }),
            ("GET", "runners/jobs") => Queue(http, state, request.Scope),
            ("GET", "runners") when v15 => RunnerList(http, state, request.Scope),
            ("POST", "runners") when v15 => await RegisterAsync(http, state, request.Scope).ConfigureAwait(false),
            ("GET" or "DELETE", var rest) when v15 && rest.StartsWith("runners/", StringComparison.Ordinal) =>
                GiteaRestEndpoints.RunnerById(http.Request.Method, state, request.Scope, rest),
            _ => null,
        };
    }

    private static IResult Queue(HttpContext http, GiteaEmulatorState state, string scope)
    {
        var given = http.Request.Query["labels"];
        if (given.Count == 0 && state.Flavor == GiteaFlavor.Forgejo11)
        {
            return Results.Text("null", "application/json");
        }

        var labels = given.Count == 0
            ? state.Jobs().SelectMany(j => j.Labels).ToHashSet(StringComparer.Ordinal)
            : given.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var jobs = state.Queue(scope, labels);
        // No match is JSON null, not [] (reference 3.4).
        return jobs.Count == 0
            ? Results.Text("null", "application/json")
            : Results.Json(new JsonArray([.. jobs.Select(j => (JsonNode)GiteaJson.RunJob(j, state.Flavor))]));
    }

    private static IResult RunnerList(HttpContext http, GiteaEmulatorState state, string scope)
    {
        var (skip, take) = GiteaRestEndpoints.Page(http);
        var all = state.Runners(scope);
        http.Response.Headers["X-Total-Count"] = all.Count.ToString(CultureInfo.InvariantCulture);
        if (skip + take < all.Count)
        {
            var next = (skip / take) + 2;
            http.Response.Headers.Link = $"<{http.Request.Path}?page={next}&limit={take}>; rel=\"next\"";
        }

        return Results.Json(new JsonArray([.. all.Skip(skip).Take(take).Select(r => (JsonNode)GiteaJson.Runner(r, state.Flavor))]));
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, GiteaEmulatorState state, string scope)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            body = null;
        }

        // A missing name fails binding with 422 on a real server (reference 3.2).
        if (body?["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || name.GetValue<string>().Length == 0)
        {
            return GiteaRestEndpoints.Error(StatusCodes.Status422UnprocessableEntity, "[Name]: Required");
        }

        var ephemeral = body["ephemeral"] is JsonValue e && e.GetValueKind() == JsonValueKind.True;
        var runner = state.RegisterRest(scope, name.GetValue<string>(), ephemeral);
        return Results.Json(new JsonObject { ["id"] = runner.Id, ["uuid"] = runner.Uuid, ["token"] = runner.Token }, statusCode: StatusCodes.Status201Created);
    }
}
