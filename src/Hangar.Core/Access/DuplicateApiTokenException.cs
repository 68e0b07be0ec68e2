namespace Hangar.Core.Access;

public sealed class DuplicateApiTokenException(string id)
    : InvalidOperationException($"an API token with id {id} already exists")
{
    public string Id { get; } = id;
}
