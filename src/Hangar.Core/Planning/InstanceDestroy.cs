namespace Hangar.Core.Planning;

public sealed record InstanceDestroy(string Instance, string Pool, DestroyReason Reason);
