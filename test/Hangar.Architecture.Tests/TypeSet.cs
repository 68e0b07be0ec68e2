using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Hangar.Architecture.Tests;

/// <summary>The types of the inspected assembly a signature mentions (other assemblies' types are not tracked).</summary>
internal sealed record TypeSet(ImmutableHashSet<TypeDefinitionHandle> Types)
{
    public static readonly TypeSet Empty = new(ImmutableHashSet<TypeDefinitionHandle>.Empty);

    public static TypeSet Of(TypeDefinitionHandle type) => new(ImmutableHashSet.Create(type));

    public TypeSet Union(TypeSet other) => other.Types.IsEmpty ? this : new(Types.Union(other.Types));
}
