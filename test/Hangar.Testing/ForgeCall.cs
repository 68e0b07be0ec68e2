using Hangar.Core.Pools;

namespace Hangar.Testing;

/// <summary>One call a <see cref="RecordingForge"/> received. <see cref="Sequence"/> orders it against other fakes' calls.</summary>
public sealed record ForgeCall(ForgeCallKind Kind, ForgeTarget? Target, string? Name, long? RunnerId, long Sequence);
