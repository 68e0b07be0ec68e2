namespace Hangar.Forges.GitHub;

/// <summary>How a GitHub forge learns of jobs (<c>forges.NAME.mode</c>).</summary>
public enum GitHubForgeMode
{
    /// <summary><c>workflow_job</c> webhooks posted to Hangar.</summary>
    Webhook,

    /// <summary>The runner scale-set listener: Hangar long-polls GitHub, nothing inbound (docs/scale-sets.md).</summary>
    ScaleSet,
}
