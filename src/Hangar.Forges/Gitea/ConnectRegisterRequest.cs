namespace Hangar.Forges.Gitea;

/// <summary>The runner protocol's <c>RegisterRequest</c> in Connect's JSON form (the fields a current runner sends).</summary>
internal sealed record ConnectRegisterRequest(string Name, string Token, string Version, IReadOnlyList<string> Labels, bool Ephemeral);
