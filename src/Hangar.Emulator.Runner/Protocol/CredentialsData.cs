namespace Hangar.Emulator.Runner.Protocol;

internal sealed record CredentialsData
{
    public required string Token { get; init; }
}
