namespace Hangar.Server.Api;

/// <summary>The answer to a job re-check: the job as stored afterwards, and whether its forge still knew it.</summary>
internal sealed record RecheckView(JobView Job, bool FoundAtForge);
