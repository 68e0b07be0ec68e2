namespace Hangar.Emulator.State;

public sealed record RunnerGroup(long Id, string Name)
{
    public static RunnerGroup Default { get; } = new(1, "Default");

    public bool IsDefault => Id == Default.Id;
}
