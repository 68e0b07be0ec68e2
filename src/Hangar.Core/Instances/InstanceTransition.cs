namespace Hangar.Core.Instances;

/// <summary>One stored move of the lifecycle; <see cref="From"/> is null for the intent itself.</summary>
public sealed record InstanceTransition(string Instance, InstanceState? From, InstanceState To, DateTimeOffset At, string Reason);
