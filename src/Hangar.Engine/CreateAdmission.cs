namespace Hangar.Engine;

/// <summary>A create attempt <see cref="CreateBreaker"/> let start; a probe when the pool was degraded.</summary>
internal readonly record struct CreateAdmission(string Pool, bool IsProbe);
