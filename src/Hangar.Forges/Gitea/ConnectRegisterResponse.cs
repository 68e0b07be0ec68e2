namespace Hangar.Forges.Gitea;

/// <summary>The runner protocol's <c>RegisterResponse</c>: the new runner's own login.</summary>
internal sealed record ConnectRegisterResponse(ConnectRunnerDto? Runner);
