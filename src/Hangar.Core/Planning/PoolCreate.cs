namespace Hangar.Core.Planning;

public sealed record PoolCreate(string Pool, int Count);
