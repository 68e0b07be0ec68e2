using System.Text.Json.Nodes;
using Hangar.Emulator.Rest;
using Hangar.Emulator.State;

namespace Hangar.Emulator.Webhooks;

/// <summary>The <c>workflow_job</c> webhook body, shaped as GitHub's.</summary>
internal static class WebhookPayload
{
    private const long SenderId = 583231;

    public static byte[] Build(string action, EmulatedJob job, long repositoryId, long ownerId, string? enterprise, Uri baseUrl)
    {
        var owner = job.Owner;
        var payload = new JsonObject
        {
            ["action"] = action,
            ["workflow_job"] = GitHubJson.Job(job, baseUrl),
            ["repository"] = new JsonObject
            {
                ["id"] = repositoryId,
                ["node_id"] = Convert.ToBase64String(BitConverter.GetBytes(repositoryId)),
                ["name"] = job.RepositoryName,
                ["full_name"] = job.Repository,
                ["private"] = true,
                ["owner"] = Account(owner, ownerId, "Organization", baseUrl),
                ["html_url"] = new Uri(baseUrl, job.Repository).ToString(),
                ["url"] = new Uri(baseUrl, $"repos/{job.Repository}").ToString(),
                ["default_branch"] = "main",
            },
            ["organization"] = new JsonObject
            {
                ["login"] = owner,
                ["id"] = ownerId,
                ["url"] = new Uri(baseUrl, $"orgs/{owner}").ToString(),
            },
        };
        if (enterprise is not null)
        {
            payload["enterprise"] = new JsonObject { ["id"] = 1, ["slug"] = enterprise, ["name"] = enterprise };
        }

        payload["sender"] = Account("emulator-user", SenderId, "User", baseUrl);
        return System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    private static JsonObject Account(string login, long id, string type, Uri baseUrl) => new()
    {
        ["login"] = login,
        ["id"] = id,
        ["type"] = type,
        ["url"] = new Uri(baseUrl, $"users/{login}").ToString(),
        ["site_admin"] = false,
    };
}
