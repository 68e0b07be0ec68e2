using Hangar.Core.Forges;
using Hangar.Core.Jobs;

namespace Hangar.Core.Demand;

/// <summary>What a forge's API says about a job, as an event. It carries no dedupe key: sweeps and re-checks see the
/// same job many times, and the forward-only rule alone decides what each sighting changes.</summary>
public static class ForgeJobEvents
{
    /// <param name="knownLabels">Labels to keep when the forge's answer has none (its job listings may omit them).</param>
    public static JobEvent From(string forge, string repository, string? owner, string? enterprise, ForgeJob found, IReadOnlyList<string> knownLabels) => new()
    {
        Forge = forge,
        JobId = found.Id,
        Attempt = found.Attempt,
        Status = found.Status,
        Repository = repository,
        Owner = owner,
        Enterprise = enterprise,
        Labels = found.Labels.Count > 0 ? found.Labels : knownLabels,
        RunId = found.RunId,
        Name = found.Name,
        RunnerName = found.RunnerName,
        RunnerId = found.RunnerId,
        Conclusion = found.Conclusion,
        CreatedAt = found.CreatedAt,
    };
}
