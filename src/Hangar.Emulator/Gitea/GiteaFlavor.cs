namespace Hangar.Emulator.Gitea;

/// <summary>Which forge and version family an emulated Gitea-family server behaves as (reference section 0).</summary>
public enum GiteaFlavor
{
    /// <summary>Gitea 1.25: registration token (POST), runner list as an object, jobs API, <c>workflow_job</c> webhooks.</summary>
    Gitea,

    /// <summary>Forgejo 15: REST registration with <c>ephemeral</c>, runner list as a bare array, job queue with <c>attempt</c> and <c>handle</c>.</summary>
    Forgejo15,

    /// <summary>Forgejo 11: registration token (GET) only, no runner REST API, job queue without attempts; a re-run resets the row.</summary>
    Forgejo11,
}
