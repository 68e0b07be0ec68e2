namespace Hangar.Store.Copy;

/// <summary>One column of a copied table.</summary>
internal sealed record CopyColumn(string Name, CopyColumnKind Kind);
