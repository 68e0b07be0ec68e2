namespace Hangar.Server.Api;

/// <summary><c>POST /pools/{name}/scale</c>: a new <c>min_idle</c>, a new <c>max_runners</c>, or both.</summary>
internal sealed record ScaleRequest(int? MinIdle, int? MaxRunners);
