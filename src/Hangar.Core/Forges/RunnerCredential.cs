namespace Hangar.Core.Forges;

/// <summary>A one-job credential, already shaped as the environment the runner reads it from (a secret).</summary>
public sealed record RunnerCredential(long? RunnerId, IReadOnlyDictionary<string, string> SecretEnv)
{
    public override string ToString() => $"RunnerCredential {{ RunnerId = {RunnerId}, SecretEnv = [redacted] }}";
}
