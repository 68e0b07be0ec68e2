using Hangar.Core.Forges;

namespace Hangar.Core.ScaleSets;

/// <summary>The message queue refused the session's token: refresh the session.</summary>
public sealed class ScaleSetQueueUnauthorizedException(string message, int? statusCode = null) : ForgeException(message, statusCode);
