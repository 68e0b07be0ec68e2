namespace Hangar.Testing;

public enum ProviderCallKind
{
    Create,
    Delete,
    Get,
    List,
    Start,
    Stop,
    Check,
    Prepare,
}
