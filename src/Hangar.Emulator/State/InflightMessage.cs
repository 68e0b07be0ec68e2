using System.Text.Json.Nodes;

namespace Hangar.Emulator.State;

/// <summary>A message handed out by a poll and not yet acknowledged: polled again, it comes again.</summary>
internal sealed record InflightMessage(long Id, JsonArray Events, int EventCount);
