namespace Hangar.Core.Pools;

public enum TargetScope
{
    Repository,
    Organization,
    Enterprise,
}
