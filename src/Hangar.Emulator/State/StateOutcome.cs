namespace Hangar.Emulator.State;

/// <summary>How a state operation went; the HTTP layers map each to the status GitHub would send.</summary>
internal enum StateOutcome
{
    Ok,
    NotFound,
    Conflict,
    Busy,
    /// <summary>The credential is unknown.</summary>
    Unauthorized,
    /// <summary>The credential is known but its registration was removed.</summary>
    Gone,
    /// <summary>The call came out of order (e.g. a poll before connecting).</summary>
    Invalid,
}
