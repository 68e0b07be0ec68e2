namespace Hangar.Core.Storage;

/// <summary>Which end of a list comes first. Each list documents the key it is ordered by.</summary>
public enum ListOrder
{
    OldestFirst,

    NewestFirst,
}
