namespace Hangar.Core.Jobs;

/// <summary>
/// What a look-up at the forge changes on a stored job, applied by every store inside one transaction so all backends
/// agree. A job the forge answers "not found" for on <c>closeAfterMisses</c> look-ups in a row (its run was deleted, or
/// the credential lost access to the repository) would otherwise stay open for ever and be looked up every pass: Hangar
/// closes it, <see cref="JobStatus.Completed"/> with a <see cref="Job.CloseReason"/> and no conclusion. A found answer
/// starts the count again, so one 404 of a forge that is catching up never closes a job. Whatever the forge said about
/// the job itself goes through <see cref="JobEventMerge"/>, not here.
/// </summary>
public static class JobCheckRule
{
    /// <summary>The job after the look-up, or null when it changes nothing (the job is closed already).</summary>
    public static Job? Apply(Job stored, bool found, DateTimeOffset now, int closeAfterMisses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(closeAfterMisses, 1);
        if (!stored.IsOpen)
        {
            return null;
        }

        if (found)
        {
            return stored with { CheckedAt = now, MissedChecks = 0 };
        }

        var missed = stored.MissedChecks + 1;
        if (missed < closeAfterMisses)
        {
            return stored with { CheckedAt = now, MissedChecks = missed };
        }

        return stored with
        {
            Status = JobStatus.Completed,
            CheckedAt = now,
            MissedChecks = missed,
            CloseReason = $"closed by Hangar: the forge did not know the job on {missed} look-up(s) in a row",
            CompletedAt = stored.CompletedAt ?? now,
            UpdatedAt = now,
        };
    }
}
