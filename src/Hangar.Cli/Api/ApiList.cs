using System.Text.Json;

namespace Hangar.Cli.Api;

/// <summary>What a list command read: its items, in the API's order.</summary>
/// <param name="More">The server holds more than a <c>--limit</c> let through.</param>
internal sealed record ApiList(IReadOnlyList<JsonElement> Items, bool More);
