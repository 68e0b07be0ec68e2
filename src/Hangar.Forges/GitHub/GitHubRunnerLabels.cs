using Hangar.Core.Forges;

namespace Hangar.Forges.GitHub;

/// <summary>
/// The labels a JIT registration is created with. <c>generate-jitconfig</c> registers exactly the labels it is sent:
/// the implicit <c>self-hosted</c>/OS/arch labels come from <c>config.sh</c>, not from JIT (reference section 3). Workflows
/// ask for <c>runs-on: [self-hosted, ...]</c> and a runner needs every label of a job, so <c>self-hosted</c> is sent
/// unless the pool opts out. OS and arch labels are sent when the pool lists them: Hangar cannot know a machine's OS.
/// </summary>
internal static class GitHubRunnerLabels
{
    public const string SelfHosted = "self-hosted";

    /// <summary>GitHub accepts 1 to 100 labels.</summary>
    public const int MaxLabels = 100;

    public static IReadOnlyList<string> For(RunnerRequest request)
    {
        var carriesSelfHosted = request.Labels.Contains(SelfHosted, StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string> labels = request.ImplicitLabels && !carriesSelfHosted ? [SelfHosted, .. request.Labels] : request.Labels;
        if (labels.Count is 0 or > MaxLabels)
        {
            throw new ArgumentException(
                $"GitHub registers a runner with 1 to {MaxLabels} labels, got {labels.Count} (pool labels plus implicit ones)", nameof(request));
        }

        return labels;
    }
}
