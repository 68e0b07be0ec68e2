namespace Hangar.Emulator.State;

/// <summary>Faults of the scale-set protocol the emulator can inject (reference sections 6.3 and 8).</summary>
internal enum ScaleSetFault
{
    /// <summary>A stale session (a listener that died) holds the scale set: session creates answer 409 until it expires.</summary>
    SessionConflict,

    /// <summary>Every message-queue token stops working: polls, acks and acquires answer 401 until the session is refreshed.</summary>
    ExpireQueueTokens,

    /// <summary>The broker forgets every session: queue calls answer 401 and a refresh 404 (<c>RunnerAdminException</c>).</summary>
    EvictSessions,

    /// <summary>Every admin token from the registration exchange stops working: Actions-service calls answer 401.</summary>
    ExpireAdminTokens,

    /// <summary>The next session creates succeed with an empty <c>messageQueueUrl</c> (a broker incident, ARC #4370).</summary>
    EmptyQueueUrl,

    /// <summary>GitHub deletes the scale set: its sessions go and creating one answers 404 <c>RunnerScaleSetNotFoundException</c>.</summary>
    DeleteScaleSet,

    /// <summary>Every <c>acquirejobs</c> call is held for a while before it acts (to kill a listener in the middle of one).</summary>
    HoldAcquires,

    /// <summary>The next Actions-service and queue calls answer with a status (429 with <c>Retry-After</c>, or a 5xx).</summary>
    FailCalls,
}
