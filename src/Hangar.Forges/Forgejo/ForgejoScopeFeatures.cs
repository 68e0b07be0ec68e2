namespace Hangar.Forges.Forgejo;

/// <summary>What a probe found at one Forgejo scope (reference section 0): the REST runner API means 15+, the job
/// queue 11+.</summary>
internal sealed record ForgejoScopeFeatures(bool RestRunners, bool JobsApi);
