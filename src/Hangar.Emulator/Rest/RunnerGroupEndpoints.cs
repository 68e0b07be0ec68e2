using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Emulator.Rest;

/// <summary>
/// Runner-group management as GitHub's REST API has it, at organization and enterprise scope: create, update, and the
/// selection (repositories of an organization, organizations of an enterprise) read and replaced by ids; plus the
/// repository and organization look-ups that turn names into those ids. Groups are shared by every scope, as the
/// emulator's group list always was.
/// </summary>
internal static class RunnerGroupEndpoints
{
    private static readonly string[] OrgVisibilities = ["all", "selected", "private"];
    private static readonly string[] EnterpriseVisibilities = ["all", "selected"];

    public static void MapRunnerGroupEndpoints(this IEndpointRouteBuilder api, EmulatorState state)
    {
        api.MapGet("/orgs/{org}/actions/runner-groups", (string org) => List(state, $"orgs/{org}"));
        api.MapGet("/enterprises/{enterprise}/actions/runner-groups", (string enterprise) => List(state, $"enterprises/{enterprise}"));
        api.MapPost("/orgs/{org}/actions/runner-groups", (HttpContext c, string org) => CreateAsync(c, state, $"orgs/{org}", "selected_repository_ids", OrgVisibilities));
        api.MapPost("/enterprises/{enterprise}/actions/runner-groups", (HttpContext c, string enterprise) =>
            CreateAsync(c, state, $"enterprises/{enterprise}", "selected_organization_ids", EnterpriseVisibilities));
        api.MapPatch("/orgs/{org}/actions/runner-groups/{id:long}", (HttpContext c, string org, long id) => UpdateAsync(c, state, $"orgs/{org}", id, OrgVisibilities));
        api.MapPatch("/enterprises/{enterprise}/actions/runner-groups/{id:long}", (HttpContext c, string enterprise, long id) =>
            UpdateAsync(c, state, $"enterprises/{enterprise}", id, EnterpriseVisibilities));

        api.MapGet("/orgs/{org}/actions/runner-groups/{id:long}/repositories", (long id) => Selection(state, id, "repositories", RepositoryJson));
        api.MapGet("/enterprises/{enterprise}/actions/runner-groups/{id:long}/organizations", (long id) => Selection(state, id, "organizations", OrganizationJson));
        api.MapPut("/orgs/{org}/actions/runner-groups/{id:long}/repositories", (HttpContext c, long id) => ReplaceSelectionAsync(c, state, id, "selected_repository_ids"));
        api.MapPut("/enterprises/{enterprise}/actions/runner-groups/{id:long}/organizations", (HttpContext c, long id) =>
            ReplaceSelectionAsync(c, state, id, "selected_organization_ids"));

        // Every repository and organization exists in the emulator's world; each gets a stable id on first mention.
        api.MapGet("/repos/{owner}/{repo}", (string owner, string repo) => GitHubResults.Json(RepositoryJson(state, state.RepositoryIdOf($"{owner}/{repo}"))!));
        api.MapGet("/orgs/{org}", (string org) => GitHubResults.Json(OrganizationJson(state, state.OwnerIdOf(org))!));
    }

    private static IResult List(EmulatorState state, string scopePath)
    {
        var groups = state.RunnerGroups;
        return GitHubResults.Json(new JsonObject
        {
            ["total_count"] = groups.Count,
            ["runner_groups"] = new JsonArray([.. groups.Select(g => (JsonNode)GitHubJson.RunnerGroup(g, state.BaseUrl, scopePath))]),
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorState state, string scopePath, string idsKey, string[] visibilities)
    {
        if (await BodyAsync(context) is not { } body || body["name"]?.GetValue<string>() is not { Length: > 0 } name)
        {
            return Invalid("name is required");
        }

        if (Settings(body, new RunnerGroup(0, name), visibilities) is not { } group)
        {
            return Invalid($"visibility must be one of {string.Join(", ", visibilities)}");
        }

        var created = state.CreateRunnerGroup(group with { Selected = Ids(body[idsKey]) ?? [] });
        return created is null
            ? GitHubResults.Error(StatusCodes.Status409Conflict, $"a runner group named {name} already exists")
            : GitHubResults.Json(GitHubJson.RunnerGroup(created, state.BaseUrl, scopePath), StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, EmulatorState state, string scopePath, long id, string[] visibilities)
    {
        if (await BodyAsync(context) is not { } body)
        {
            return Invalid("a JSON object is required");
        }

        var valid = true;
        var updated = state.UpdateRunnerGroup(id, group =>
        {
            var changed = Settings(body, group, visibilities);
            valid = changed is not null;
            return changed ?? group;
        });
        return updated is null ? GitHubResults.NotFound()
            : !valid ? Invalid($"visibility must be one of {string.Join(", ", visibilities)}")
            : GitHubResults.Json(GitHubJson.RunnerGroup(updated, state.BaseUrl, scopePath));
    }

    private static IResult Selection(EmulatorState state, long id, string key, Func<EmulatorState, long, JsonObject?> entry)
    {
        if (state.RunnerGroups.FirstOrDefault(g => g.Id == id) is not { } group)
        {
            return GitHubResults.NotFound();
        }

        var entries = group.Selected.Select(s => entry(state, s)).OfType<JsonObject>().ToList();
        return GitHubResults.Json(new JsonObject { ["total_count"] = entries.Count, [key] = new JsonArray([.. entries]) });
    }

    private static async Task<IResult> ReplaceSelectionAsync(HttpContext context, EmulatorState state, long id, string idsKey)
    {
        if (await BodyAsync(context) is not { } body || Ids(body[idsKey]) is not { } ids)
        {
            return Invalid($"{idsKey} is required");
        }

        return state.UpdateRunnerGroup(id, g => g with { Selected = ids }) is null ? GitHubResults.NotFound() : Results.NoContent();
    }

    /// <summary>The settings PATCH and POST share; null when the visibility is not one GitHub takes at this scope.</summary>
    private static RunnerGroup? Settings(JsonObject body, RunnerGroup group, string[] visibilities)
    {
        var visibility = body["visibility"]?.GetValue<string>() ?? group.Visibility;
        if (!visibilities.Contains(visibility))
        {
            return null;
        }

        return group with
        {
            Name = body["name"]?.GetValue<string>() ?? group.Name,
            Visibility = visibility,
            AllowsPublicRepositories = body["allows_public_repositories"]?.GetValue<bool>() ?? group.AllowsPublicRepositories,
            RestrictedToWorkflows = body["restricted_to_workflows"]?.GetValue<bool>() ?? group.RestrictedToWorkflows,
            SelectedWorkflows = body["selected_workflows"] is JsonArray workflows ? [.. workflows.Select(w => w!.GetValue<string>())] : group.SelectedWorkflows,
        };
    }

    private static JsonObject? RepositoryJson(EmulatorState state, long id) => state.RepositoryNameOf(id) is not { } fullName ? null : new JsonObject
    {
        ["id"] = id,
        ["node_id"] = $"R_{id}",
        ["name"] = fullName[(fullName.IndexOf('/', StringComparison.Ordinal) + 1)..],
        ["full_name"] = fullName,
        ["private"] = false,
        ["html_url"] = $"https://github.com/{fullName}",
    };

    private static JsonObject? OrganizationJson(EmulatorState state, long id) => state.OwnerNameOf(id) is not { } login ? null : new JsonObject
    {
        ["login"] = login,
        ["id"] = id,
        ["node_id"] = $"O_{id}",
        ["url"] = new Uri(state.BaseUrl, $"orgs/{login}").ToString(),
    };

    private static IReadOnlyList<long>? Ids(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n!.GetValue<long>())] : null;

    private static async Task<JsonObject?> BodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Invalid(string message) => GitHubResults.Error(StatusCodes.Status422UnprocessableEntity, message);
}
