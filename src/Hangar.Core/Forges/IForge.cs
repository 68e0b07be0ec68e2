using Hangar.Core.Pools;

namespace Hangar.Core.Forges;

/// <summary>A forge's REST API as Hangar needs it. One instance per configured forge. A forge with a request budget
/// ranks calls by <see cref="ForgeCallScope"/>: minting and removal are never held back; observation and sweeps may be.</summary>
public interface IForge
{
    string Name { get; }

    /// <summary>Mints a one-job runner credential (e.g. a GitHub JIT config) for a runner named <paramref name="request"/>.Name.</summary>
    /// <exception cref="RunnerNameConflictException">A runner with that name is already registered.</exception>
    Task<RunnerCredential> CreateRunnerCredentialAsync(ForgeTarget target, RunnerRequest request, CancellationToken cancellationToken = default);

    /// <summary>Runners registered at the target; when <paramref name="name"/> is given, only that one.</summary>
    /// <exception cref="ForgeBudgetExceededException">The full list (no <paramref name="name"/>) was held back to keep the
    /// API quota for provisioning; a look-up by name never is.</exception>
    Task<IReadOnlyList<ForgeRunner>> ListRunnersAsync(ForgeTarget target, string? name = null, CancellationToken cancellationToken = default);

    /// <summary>Removes a runner registration. A no-op when it is already gone.</summary>
    /// <exception cref="RunnerBusyException">The runner is running a job and the forge refuses.</exception>
    Task RemoveRunnerAsync(ForgeTarget target, long runnerId, CancellationToken cancellationToken = default);

    /// <summary>A job's state at the forge, or null when the forge does not know it.</summary>
    /// <exception cref="ForgeBudgetExceededException">Held back to keep the API quota for provisioning.</exception>
    Task<ForgeJob?> GetJobAsync(string repository, long jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Jobs of <paramref name="repository"/> still waiting for a runner, whether or not a webhook announced them. This is
    /// how a job whose <c>queued</c> webhook was lost is discovered (GitHub: queued and in-progress runs, then each run's
    /// jobs). A forge that cannot list them answers an empty list, and only jobs Hangar already knows are re-checked.
    /// </summary>
    /// <exception cref="ForgeBudgetExceededException">This repository's sweep was deferred (sweeps slow down first when
    /// the API quota runs low); it comes round again on a later pass.</exception>
    Task<IReadOnlyList<ForgeJob>> ListQueuedJobsAsync(string repository, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ForgeJob>>([]);

    /// <summary>
    /// Every job of workflow run <paramref name="runId"/> of <paramref name="repository"/> (all attempts), or null when
    /// the forge does not know the run. How a job known by another key than the forge's job id (a scale-set job) is
    /// looked up (<see cref="Jobs.RunJobMatch"/>). A forge that cannot list a run's jobs answers null.
    /// </summary>
    /// <exception cref="ForgeBudgetExceededException">Held back to keep the API quota for provisioning.</exception>
    Task<IReadOnlyList<ForgeJob>?> ListRunJobsAsync(string repository, long runId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ForgeJob>?>(null);
}
