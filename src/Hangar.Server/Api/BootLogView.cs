namespace Hangar.Server.Api;

/// <summary><c>/runners/{name}/logs</c>: the newest lines, oldest first.</summary>
internal sealed record BootLogView(string Runner, IReadOnlyList<BootLogLineView> Lines);
