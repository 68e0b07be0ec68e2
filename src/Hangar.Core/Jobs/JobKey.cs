namespace Hangar.Core.Jobs;

public readonly record struct JobKey(string Forge, long Id)
{
    public override string ToString() => $"{Forge}/{Id}";
}
