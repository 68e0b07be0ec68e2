namespace Hangar.Core.Planning.Policies;

/// <summary>
/// What one more warm runner is worth to a <c>predictive</c> pool, and what the idle budget lets it pay. The budget is
/// spent where it avoids the most waits per idle minute: the k-th warm runner is bought only while the jobs it is
/// expected to take per idle minute it stands reach the price. A runner at a burst is taken within seconds and is
/// excellent value; one for a trickle of a push every six minutes idles six minutes per job and is poor value, so the
/// budget it would have spent goes to the next burst instead.
/// </summary>
internal static class WarmValue
{
    /// <summary>How strongly the window's unspent budget lowers the price at once, beside
    /// the slow shift the pool's history has found: at a third of the allowance unspent, e-fold.</summary>
    private const double CreditGain = 3;

    /// <summary>
    /// The jobs the <paramref name="k"/>-th warm runner (from 1) takes per idle minute. Within one boot time — after
    /// which a runner made for the job that took it would stand ready anyway — it is taken when at least k jobs arrive,
    /// with probability p = P(N ≥ k), N the jobs of pushes arriving as a Poisson stream at <paramref name="rate"/> jobs
    /// per minute, each a matrix of <paramref name="sizes"/>' law (or of <paramref name="batchSize"/> jobs). It idles
    /// the whole boot time when it is not taken and about half of it when it is, so its value is p / (T · (1 − p/2)).
    /// </summary>
    public static double Of(int k, double rate, double batchSize, TimeSpan boot, IReadOnlyList<double>? sizes = null)
    {
        var tail = new ArrivalTail(rate * Minutes(boot), batchSize, sizes);
        var taken = 0.0;
        for (var i = 0; i < k; i++)
        {
            taken = tail.Next();
        }

        return Value(taken, boot);
    }

    /// <summary>The warm runners whose value reaches <paramref name="price"/>, at most <paramref name="cap"/>: values
    /// fall with k, so the runners are bought best first and the count stops at the first one not worth its price.</summary>
    public static int Worth(double price, PoolForecast forecast, int cap)
    {
        if (price <= 0)
        {
            return cap;
        }

        var tail = new ArrivalTail(forecast.Rate * Minutes(forecast.BootTime), forecast.BatchSize, forecast.BatchSizes);
        var count = 0;
        while (count < cap && Value(tail.Next(), forecast.BootTime) >= price)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The jobs per idle minute a warm runner must take to be bought. A job earns the budget <c>b / (1 − b)</c> idle
    /// minutes per busy runner-minute it costs (boot, pickup, run), so a runner that takes at least
    /// <c>1 / (b / (1 − b) · busy minutes per job)</c> jobs per idle minute pays for itself. Excellent runners pay for
    /// poorer ones, so the price the budget can afford is lower: the pool's history shifts it (<see cref="WarmPrice"/>),
    /// and the window's unspent budget lowers it at once. It never rises above self-financing: such a runner earns its own
    /// idle minutes, and an overspent window is held back by the budget's cap on the count instead. Zero — every runner the forecast asks
    /// for — before the pool's runners and jobs have been seen, or without a budget.
    /// </summary>
    public static double Price(PredictiveWarmPolicy policy, PoolForecast forecast)
    {
        if (policy.IdleBudget >= 1 || forecast.BusyMinutesPerJob <= 0 || forecast.RunnerMinutes <= 0 || policy.IdleBudget <= 0)
        {
            return 0;
        }

        var perBusyMinute = policy.IdleBudget / (1 - policy.IdleBudget);
        var selfFinancing = 1 / (perBusyMinute * forecast.BusyMinutesPerJob);
        var credit = Math.Clamp(forecast.IdleCredit / (policy.IdleBudget * forecast.RunnerMinutes), 0, 1);
        return selfFinancing * Math.Exp(forecast.PriceShift - (CreditGain * credit));
    }

    private static double Minutes(TimeSpan boot) => Math.Max(boot.TotalMinutes, 1.0 / 60);

    private static double Value(double taken, TimeSpan boot) => taken / (Minutes(boot) * (1 - (taken / 2)));
}
