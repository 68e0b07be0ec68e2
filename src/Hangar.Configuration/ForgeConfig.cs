using Hangar.Forges.GitHub;
using Hangar.Forges.Gitea;

namespace Hangar.Configuration;

/// <summary>
/// <c>forges.NAME</c>: the forge's own options without their secrets, and where each secret is read from. The file
/// only ever says where a secret is, so the options are complete only once the host resolves the references
/// (<see cref="ResolveGitHub"/>), which <c>hangar config validate</c> never does.
/// </summary>
public sealed record ForgeConfig
{
    /// <summary>Everything but the credential: <see cref="GitHubForgeOptions.Token"/> is null and the App's
    /// <see cref="GitHubAppOptions.PrivateKeyPem"/> empty until resolved.</summary>
    public required GitHubForgeOptions GitHub { get; init; }

    /// <summary>For <c>type: gitea</c> and <c>type: forgejo</c>: their options without the token (<see cref="GitHub"/> then
    /// carries only the name).</summary>
    public GiteaFamilyOptions? GiteaFamily { get; init; }

    public string Name => GitHub.Name;

    /// <summary><c>github</c>, <c>gitea</c> or <c>forgejo</c>. It also picks the reader of the forge's webhooks.</summary>
    public string Type { get; init; } = "github";

    /// <summary>Where the personal access token is. Exactly one of this and <see cref="GitHubForgeOptions.App"/> is set.</summary>
    public SecretRef? Token { get; init; }

    /// <summary>Where the GitHub App's private key is; set with <see cref="GitHubForgeOptions.App"/>.</summary>
    public SecretRef? AppPrivateKey { get; init; }

    /// <summary>Where the secret the forge signs webhooks with is. Webhooks are refused when it is not set.</summary>
    public SecretRef? WebhookSecret { get; init; }

    /// <summary>A Gitea or Forgejo forge's options with its token read.</summary>
    /// <exception cref="SecretNotFoundException">The token is nowhere to be found.</exception>
    public GiteaFamilyOptions ResolveGiteaFamily(IReadOnlyDictionary<string, string> overrides) =>
        (GiteaFamily ?? throw new InvalidOperationException($"forge {Name} is of type {Type}, not gitea or forgejo")) with
        {
            Token = Token is { } token ? SecretResolver.Resolve(token, overrides) : GiteaFamily.Token,
        };

    /// <summary>The forge's options with its credential read (see <see cref="SecretResolver"/> for the order).</summary>
    /// <exception cref="SecretNotFoundException">A referenced secret is nowhere to be found.</exception>
    public GitHubForgeOptions ResolveGitHub(IReadOnlyDictionary<string, string> overrides) => GitHub with
    {
        Token = Token is { } token ? SecretResolver.Resolve(token, overrides) : GitHub.Token,
        App = GitHub.App is { } app && AppPrivateKey is { } key ? app with { PrivateKeyPem = SecretResolver.Resolve(key, overrides) } : GitHub.App,
    };
}
