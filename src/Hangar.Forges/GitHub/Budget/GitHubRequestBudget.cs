using Hangar.Core.Forges;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub.Budget;

/// <summary>
/// One forge's request budget: follows the <c>x-ratelimit-*</c> headers of every response per credential and applies
/// <see cref="GitHubBudgetPolicy"/> before a call is sent. A call held back throws <see cref="ForgeBudgetExceededException"/>
/// (counted as <c>deferred</c>); paced sweeps take turns per call kind and subject (repository, target), so every subject is
/// still swept, only less often. Changes of regime are logged once, not per call.
/// </summary>
internal sealed class GitHubRequestBudget(string forge, int? reserve, TimeProvider time, ILogger logger)
{
    // Subjects are repositories and targets; the bound only guards against a caller inventing them without end.
    private const int MaxSubjects = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, GitHubQuota> _quotas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GitHubBudgetVerdict> _regimes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, GitHubCallKind Kind, ForgePriority Priority, string Subject), int> _turns = [];

    /// <summary>The last quota reported for a credential (tests and diagnostics).</summary>
    public GitHubQuota? QuotaOf(string key)
    {
        lock (_gate)
        {
            return _quotas.GetValueOrDefault(key);
        }
    }

    /// <summary>Takes the quota a response reports. Within one window the lowest remaining wins: responses to
    /// concurrent requests arrive in any order, and a stale higher count would overspend.</summary>
    public void Observe(string key, HttpResponseMessage response)
    {
        if (GitHubQuota.From(response) is not { } quota)
        {
            return;
        }

        GitHubBudgetVerdict regime;
        bool changed;
        lock (_gate)
        {
            if (_quotas.TryGetValue(key, out var known) && known.Reset == quota.Reset && known.Remaining < quota.Remaining)
            {
                quota = known;
            }

            _quotas[key] = quota;
            regime = GitHubBudgetPolicy.Decide(quota, reserve, ForgePriority.Sweep, time.GetUtcNow()).Verdict;
            changed = _regimes.TryGetValue(key, out var previous) ? previous != regime : regime != GitHubBudgetVerdict.Send;
            _regimes[key] = regime;
        }

        if (changed)
        {
            var kept = GitHubBudgetPolicy.ReserveOf(quota.Limit, reserve);
            switch (regime)
            {
                case GitHubBudgetVerdict.Hold:
                    GitHubForgeLog.BudgetHolding(logger, forge, quota.Remaining, quota.Limit, kept, quota.Reset);
                    break;
                case GitHubBudgetVerdict.Pace:
                    GitHubForgeLog.BudgetPacing(logger, forge, quota.Remaining, quota.Limit, kept, quota.Reset);
                    break;
                default:
                    GitHubForgeLog.BudgetNormal(logger, forge, quota.Remaining, quota.Limit, quota.Reset);
                    break;
            }
        }
    }

    /// <summary>Lets <paramref name="call"/> about <paramref name="subject"/> go out, or throws
    /// <see cref="ForgeBudgetExceededException"/> when the budget holds it back.</summary>
    public void Admit(string key, GitHubCall call, string subject)
    {
        GitHubQuota? quota;
        GitHubBudgetDecision decision;
        lock (_gate)
        {
            quota = _quotas.GetValueOrDefault(key);
            decision = GitHubBudgetPolicy.Decide(quota, reserve, call.Priority, time.GetUtcNow());
            // Every deferral counts as a turn, held ones too: a subject waiting longest goes first when pacing allows.
            var turnKey = (key, call.Kind, call.Priority, subject);
            var turn = _turns.GetValueOrDefault(turnKey) + 1;
            if (decision.Verdict == GitHubBudgetVerdict.Send || (decision.Verdict == GitHubBudgetVerdict.Pace && turn >= decision.Stride))
            {
                _turns.Remove(turnKey);
                return;
            }

            if (_turns.Count >= MaxSubjects)
            {
                _turns.Clear();
            }

            _turns[turnKey] = turn;
        }

        ForgeRequestMetrics.Record(forge, call.Tag, call.Priority, ForgeRequestMetrics.Deferred);
        var state = $"{quota!.Remaining} of {quota.Limit} left until {quota.Reset:u}";
        throw new ForgeBudgetExceededException(
            decision.Verdict == GitHubBudgetVerdict.Hold
                ? $"GitHub forge {forge}: {call.Tag} for {subject} held back, the rest of the rate limit is kept for provisioning ({state})"
                : $"GitHub forge {forge}: {call.Tag} for {subject} deferred, sweeps go out every {decision.Stride}th time per subject ({state})",
            call.Priority,
            decision.Until);
    }
}
