namespace Hangar.Providers.Docker.Tests;

/// <summary>A file as the engine's archive API hands it out of a container.</summary>
public sealed record ContainerFile(string Text, UnixFileMode Mode, int Uid, int Gid);
