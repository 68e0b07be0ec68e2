namespace Hangar.Testing;

/// <summary>What a fake throws when a test told it to fail a call.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
