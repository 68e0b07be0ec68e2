using Hangar.Core.Pools;

namespace Hangar.Core.Planning;

/// <summary>
/// A flavor's pressure (the planner API's word for a pool's outstanding need): <c>max(minimum_pressure, open jobs routed
/// to it)</c>. Open means waiting, queued or in progress: a runner manager keeps one runner per job until the job is
/// over, so a job being run still presses. The planner's own demand is narrower (routed <em>queued</em> jobs, against
/// idle and booting supply), because Hangar sees its busy runners itself; pressure is what someone who sees nothing
/// else needs. A disabled pool keeps the pressure of its open jobs but no floor, as it keeps no idle runners either.
/// </summary>
public static class FlavorPressure
{
    public static int Of(PoolSpec pool, int openJobs) => Math.Max(pool.Enabled ? pool.MinimumPressure : 0, openJobs);
}
