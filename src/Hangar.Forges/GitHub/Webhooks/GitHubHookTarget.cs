using System.Globalization;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>
/// <c>X-GitHub-Hook-Installation-Target-Type</c>/<c>-ID</c>: the level the hook lives at. The same job arrives once per
/// level (repository, organization, enterprise, App), each delivery with its own GUID; job states only move forward, so
/// the copies are harmless. What is checked: a hook at a repository, organization or enterprise must describe that very
/// repository, organization or enterprise, so a delivery signed for one hook cannot be passed off as another's.
/// </summary>
internal static class GitHubHookTarget
{
    public const string TypeHeader = "X-GitHub-Hook-Installation-Target-Type";
    public const string IdHeader = "X-GitHub-Hook-Installation-Target-ID";

    /// <summary>Null when consistent (or unknowable), otherwise why the headers contradict the payload.</summary>
    public static string? Contradiction(string? type, string? idText, GitHubPayloadFacts facts)
    {
        if (string.IsNullOrEmpty(type) || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var (expected, field) = type switch
        {
            "repository" => (facts.RepositoryId, "repository.id"),
            "organization" => (facts.OrganizationId, "organization.id"),
            "business" or "enterprise" => (facts.EnterpriseId, "enterprise.id"),
            // App hooks ("integration") name the App; other levels (e.g. marketplace) carry nothing to compare.
            _ => ((long?)null, ""),
        };
        return expected is { } actual && actual != id
            ? $"{TypeHeader} {type} {id} does not match the payload's {field} {actual}"
            : expected is null && type is "organization" or "business" or "enterprise"
                ? $"{TypeHeader} is {type} but the payload has no {field}"
                : null;
    }
}
