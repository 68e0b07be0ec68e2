namespace Hangar.Providers.Libvirt.Tests;

/// <summary>
/// The tests that boot their own guests beside the contract suite take turns: each software-emulated guest needs a
/// share of the two cores, and a guest starved by several others misses its test's deadline. The contract suite, the
/// longest, still runs alongside, so the project takes no longer.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GuestCollection
{
    public const string Name = "libvirt-guests";
}
