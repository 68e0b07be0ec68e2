namespace Hangar.Core.Planning.Policies;

/// <summary>A window of a <see cref="ScheduleWarmPolicy"/>: while <see cref="Cron"/> matches the local minute, keep
/// <see cref="MinIdle"/> runners warm.</summary>
public sealed record WarmWindow(string Name, CronSchedule Cron, int MinIdle);
