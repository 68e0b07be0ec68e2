namespace Hangar.Emulator.Runner.Protocol;

/// <summary>The <c>.credentials</c> settings file; only its token matters to the emulated runner.</summary>
internal sealed record CredentialsFile
{
    public required CredentialsData Data { get; init; }
}
