namespace Hangar.Emulator.State;

public enum RunnerScopeKind
{
    Repository,
    Organization,
    Enterprise,
}
