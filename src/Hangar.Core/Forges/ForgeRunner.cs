namespace Hangar.Core.Forges;

public sealed record ForgeRunner(long Id, string Name, bool Online, bool Busy, IReadOnlyList<string> Labels);
