namespace Hangar.Server.Tests.EndToEnd;

/// <summary>End-to-end runs start many machines: one at a time keeps them from starving each other on 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
