namespace Hangar.Emulator.State;

/// <summary>The outcome of taking one request from a credential's quota: allowed or not, and the window as it stands after.</summary>
internal readonly record struct QuotaTake(bool Allowed, int Limit, int Used, DateTimeOffset Reset);
