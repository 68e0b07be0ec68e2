namespace Hangar.Core.Storage;

public sealed class DuplicateInstanceException(string name)
    : InvalidOperationException($"instance {name} already exists")
{
    public string Name { get; } = name;
}
