using Hangar.Core.Pools;
using Hangar.Forges.GitHub.Budget;

namespace Hangar.Forges.GitHub;

/// <summary>Everything one REST call needs for each of its attempts: a target (installation credential) or a bearer
/// (App JWT), the call's kind and priority, and the tag of a conditional GET.</summary>
internal sealed record GitHubRestRequest(
    HttpMethod Method, Uri Uri, byte[]? JsonBody, ForgeTarget? Target, string? Bearer, GitHubCall Call, string? IfNoneMatch)
{
    // The bearer is an App JWT: a credential, never printed.
    public override string ToString() => $"GitHubRestRequest {{ {Method} {Uri.AbsolutePath}, {Call.Tag}, Target = {Target} }}";
}
