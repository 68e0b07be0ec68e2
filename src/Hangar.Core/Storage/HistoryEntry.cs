using Hangar.Core.Instances;

namespace Hangar.Core.Storage;

/// <param name="Sequence">Increases with every move the store writes (of any instance): the history's order, and where
/// a page of it ends. Two moves in the same millisecond still have distinct sequences.</param>
public sealed record HistoryEntry(long Sequence, InstanceTransition Transition);
