namespace Hangar.Emulator.Webhooks;

/// <summary>What the fault injection does to one delivery (see <see cref="Faults.EmulatorFaults"/>).</summary>
internal enum WebhookFault
{
    None,
    Drop,
    Duplicate,
    Reorder,
}
