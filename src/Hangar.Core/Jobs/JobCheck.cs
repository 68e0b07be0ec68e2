namespace Hangar.Core.Jobs;

/// <summary>One look-up of an open job at its forge: whether the forge still knew it.</summary>
public readonly record struct JobCheck(JobKey Key, bool Found);
