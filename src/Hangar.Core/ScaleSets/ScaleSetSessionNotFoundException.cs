using Hangar.Core.Forges;

namespace Hangar.Core.ScaleSets;

/// <summary>The forge no longer knows the session (evicted by the broker): open a new one.</summary>
public sealed class ScaleSetSessionNotFoundException(string message, int? statusCode = null) : ForgeException(message, statusCode);
