namespace Hangar.Forges.GitHub;

internal sealed record WorkflowRunDto(long Id, string? Status);
