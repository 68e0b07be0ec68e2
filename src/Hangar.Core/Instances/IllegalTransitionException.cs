namespace Hangar.Core.Instances;

public sealed class IllegalTransitionException(string instance, InstanceState from, InstanceState to)
    : InvalidOperationException($"instance {instance}: illegal transition {from} → {to}")
{
    public string Instance { get; } = instance;

    public InstanceState From { get; } = from;

    public InstanceState To { get; } = to;
}
