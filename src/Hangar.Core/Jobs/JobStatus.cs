namespace Hangar.Core.Jobs;

/// <summary>A job's status. The numeric order is the only order a job may move in: a late event never moves it back.</summary>
public enum JobStatus
{
    /// <summary>Blocked on an environment approval: not demand yet.</summary>
    Waiting = 0,
    Queued = 1,
    InProgress = 2,
    Completed = 3,
}
