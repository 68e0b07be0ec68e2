using Hangar.Core.Forges;

namespace Hangar.Core.ScaleSets;

/// <summary>The scale set no longer exists at the forge (deleted by its owner, or for inactivity): register it again.</summary>
public sealed class ScaleSetNotFoundException(string message, int? statusCode = null) : ForgeException(message, statusCode);
