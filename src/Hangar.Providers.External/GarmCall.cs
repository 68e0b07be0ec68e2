namespace Hangar.Providers.External;

/// <summary>One run of the provider executable: the command and what it is about.</summary>
internal sealed record GarmCall(string Command, string? PoolId = null, string? InstanceId = null, string? Stdin = null);
