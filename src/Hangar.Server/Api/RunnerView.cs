namespace Hangar.Server.Api;

internal sealed record RunnerView(
    string Name,
    string Pool,
    string Provider,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset StateChangedAt,
    string? ProviderId,
    long? ForgeRunnerId,
    long? JobId,
    int Attempts,
    string? LastReason,
    string? LastError,
    IReadOnlyList<TransitionView>? History);
