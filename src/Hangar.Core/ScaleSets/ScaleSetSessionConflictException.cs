using Hangar.Core.Forges;

namespace Hangar.Core.ScaleSets;

/// <summary>Another session of the scale set is alive (a listener that died without deleting it, or another replica): retry after a jittered wait until it expires.</summary>
public sealed class ScaleSetSessionConflictException(string message, int? statusCode = null) : ForgeException(message, statusCode);
