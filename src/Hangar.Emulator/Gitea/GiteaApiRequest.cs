namespace Hangar.Emulator.Gitea;

/// <summary>An <c>/api/v1</c> request split into its runner scope (<c>repo:o/r</c>, <c>org:o</c>, <c>instance</c>) and
/// the rest of its path under <c>…/actions/</c> (or <c>/admin/runners/…</c>, Forgejo's legacy instance path).</summary>
internal sealed record GiteaApiRequest(string Scope, string Rest)
{
    public static GiteaApiRequest? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        return parts switch
        {
            ["repos", var owner, var repo, "actions", .. var rest] => new($"repo:{owner}/{repo}", string.Join('/', rest)),
            ["orgs", var org, "actions", .. var rest] => new($"org:{org}", string.Join('/', rest)),
            ["admin", "actions", .. var rest] => new("instance", string.Join('/', rest)),
            ["admin", "runners", .. var rest] => new("instance", string.Join('/', ["runners", .. rest])),
            _ => null,
        };
    }

    /// <summary>The repository of a <c>repo:</c> scope.</summary>
    public string? Repository => Scope.StartsWith("repo:", StringComparison.Ordinal) ? Scope[5..] : null;
}
