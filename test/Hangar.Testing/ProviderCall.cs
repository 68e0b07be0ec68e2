namespace Hangar.Testing;

/// <summary>One call a <see cref="RecordingProvider"/> received. <see cref="Sequence"/> orders it against other fakes' calls.</summary>
public sealed record ProviderCall(ProviderCallKind Kind, string? Name, long Sequence);
