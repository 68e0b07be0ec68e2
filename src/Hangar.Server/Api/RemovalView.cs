namespace Hangar.Server.Api;

/// <summary>
/// The answer to <c>DELETE /runners/{name}</c>: the removal as stored and what will come of it (<see cref="Outcome"/>:
/// <c>killed</c> now, <c>retired</c> now since it holds no job, or <c>after_job</c> for a busy runner, which takes no new
/// job and is destroyed when its job ends).
/// </summary>
internal sealed record RemovalView(string Runner, string Pool, string State, bool Force, string RequestedBy, DateTimeOffset RequestedAt, string Outcome);
