namespace Hangar.Engine.Actuation;

/// <summary>What the provider said about the machine of a create that reported a failure.</summary>
internal enum AdoptionCheck
{
    /// <summary>It runs: adopted as this instance's runner.</summary>
    Adopted,

    /// <summary>The provider answered: no machine, or one that never started. Nothing there can hold a job.</summary>
    NotRunning,

    /// <summary>The provider or the store did not answer: the machine may run a job, so nothing may delete it.</summary>
    Unknown,
}
