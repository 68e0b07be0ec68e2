using Hangar.Emulator.Faults;

namespace Hangar.Emulator.State;

public sealed partial class EmulatorState
{
    private EmulatorFaults? _faults;

    /// <summary>The faults being injected now.</summary>
    public EmulatorFaults Faults => Volatile.Read(ref _faults) ?? _options.Faults;

    /// <summary>Changes the injected faults from now on (<see cref="EmulatorFaults.None"/> to stop).</summary>
    public void SetFaults(EmulatorFaults faults) => Volatile.Write(ref _faults, faults ?? throw new ArgumentNullException(nameof(faults)));
}
