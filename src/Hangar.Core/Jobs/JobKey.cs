namespace Hangar.Core.Jobs;

/// <summary>
/// What identifies a job to Hangar: the forge, the forge's job id and, where a forge re-runs a job under the same id,
/// the attempt. A re-run is a new job to Hangar (it needs a new runner), so the forward-only rule never sees a re-run
/// as a move back. GitHub gives every attempt its own job id, so its attempt is always 0; Gitea keys by
/// <c>(id, run_attempt)</c>; Forgejo 15 by the jobs API's <c>attempt</c> (the attempt its <c>handle</c> names); Forgejo
/// 11–14 by the id plus an attempt Hangar counts when a completed job reappears as waiting.
/// </summary>
public readonly record struct JobKey(string Forge, long Id, long Attempt = 0)
{
    public override string ToString() => Attempt == 0 ? $"{Forge}/{Id}" : $"{Forge}/{Id}#{Attempt}";
}
