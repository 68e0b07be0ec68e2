namespace Hangar.Testing;

/// <summary>Where a blocked <see cref="RecordingProvider.CreateAsync"/> waits to be released.</summary>
public enum CreateBlockPoint
{
    /// <summary>Before the machine exists: a crash here leaves nothing at the provider.</summary>
    BeforeMachineExists,

    /// <summary>After the machine exists but before the call returns: a crash here leaves a machine the store has
    /// not heard of yet (the store row is still provisioning).</summary>
    AfterMachineExists,
}
