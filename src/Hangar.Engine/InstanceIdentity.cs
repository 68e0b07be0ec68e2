using Hangar.Core.Instances;

namespace Hangar.Engine;

/// <summary>
/// Who presented a valid instance token: the one instance it was issued to. Callers scope everything they serve to
/// <see cref="Name"/> and apply their own rules on <see cref="State"/> (the metadata endpoints stop serving a runner's
/// credential once it reported in).
/// </summary>
/// <param name="Name">The instance (and runner) name.</param>
/// <param name="Pool">Its pool.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="ControllerId">The controller that issued the token (this installation).</param>
/// <param name="State">Its stored state when the token was checked (never deleting or deleted).</param>
/// <param name="ExpiresAt">When the token stops working.</param>
public sealed record InstanceIdentity(
    string Name, string Pool, string Provider, string ControllerId, InstanceState State, DateTimeOffset ExpiresAt);
