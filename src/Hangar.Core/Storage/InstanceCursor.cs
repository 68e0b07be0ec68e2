using Hangar.Core.Instances;

namespace Hangar.Core.Storage;

/// <summary>
/// A position in a list of instances: the sort key (creation time, then name) of the last instance of a page. Neither
/// part ever changes, so a walk page by page returns every instance that exists throughout it exactly once.
/// </summary>
public sealed record InstanceCursor(DateTimeOffset CreatedAt, string Name)
{
    public static InstanceCursor Of(Instance instance) => new(instance.CreatedAt, instance.Name);
}
