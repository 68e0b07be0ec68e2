namespace Hangar.Forges.GitHub;

internal sealed record JitConfigResponse(RunnerDto? Runner, string? EncodedJitConfig)
{
    // The JIT config is a single-use secret; keep it out of any accidental print or log of this record.
    public override string ToString() => $"JitConfigResponse {{ Runner = {Runner}, EncodedJitConfig = [redacted] }}";
}
