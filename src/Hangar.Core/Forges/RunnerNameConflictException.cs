namespace Hangar.Core.Forges;

public sealed class RunnerNameConflictException(string name)
    : ForgeException($"a runner named {name} is already registered", 409)
{
    public string Name { get; } = name;
}
