using System.Text.Json;

namespace Hangar.Cli.Api;

/// <summary>What a list command read: its items, or the one-line reason it could not.</summary>
/// <param name="More">The server holds more than a <c>--limit</c> let through.</param>
internal sealed record ApiList(IReadOnlyList<JsonElement> Items, bool More, string? Error)
{
    public static ApiList Failed(string error) => new([], false, error);
}
