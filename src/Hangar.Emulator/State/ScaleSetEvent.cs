using System.Text.Json.Nodes;

namespace Hangar.Emulator.State;

/// <summary>One job message waiting to go out in a scale set's next <c>RunnerScaleSetJobMessages</c> message.</summary>
internal sealed record ScaleSetEvent(JsonObject Body);
