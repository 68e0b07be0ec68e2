using Hangar.Core.Forges;
using Hangar.Core.Pools;

namespace Hangar.Testing;

/// <summary>One call a <see cref="RecordingForge"/> received. <see cref="Sequence"/> orders it against other fakes' calls;
/// <see cref="Caller"/> is the <see cref="ForgeCallScope"/> it was made in (what a forge's request budget ranks it by).</summary>
public sealed record ForgeCall(ForgeCallKind Kind, ForgeTarget? Target, string? Name, long? RunnerId, long Sequence, ForgeCaller? Caller = null);
