namespace Hangar.Core.Planning.Policies;

/// <summary>
/// P(N ≥ k) for k = 1, 2, … in turn, N the jobs arriving within a span as a compound Poisson stream: pushes arrive as a
/// Poisson stream, each bringing a matrix of jobs. With the pool's own distribution of matrix sizes the law of N comes
/// from Panjer's recursion, g(n) = (λ / n) Σ_j j f(j) g(n − j); without one (or past hundreds of pushes, where e^−λ
/// underflows and the law is nearly normal anyway) every push brings the mean batch.
/// </summary>
internal sealed class ArrivalTail
{
    private const double MostPushesForRecursion = 300;

    private readonly IReadOnlyList<double>? _sizes;
    private readonly List<double> _law = [];
    private readonly int _batch;
    private readonly double _pushes;
    private double _below;
    private int _k;

    // For the fixed batch: the Poisson law of pushes, advanced a push at a time.
    private int _pushesCounted;
    private double _pushTerm;

    /// <param name="expectedJobs">The jobs expected within the span.</param>
    /// <param name="batchSize">The mean jobs per push.</param>
    /// <param name="sizes">P(a push has j jobs) at index j, or null.</param>
    public ArrivalTail(double expectedJobs, double batchSize, IReadOnlyList<double>? sizes)
    {
        var mean = Math.Max(1, batchSize);
        _batch = Math.Max(1, (int)Math.Round(batchSize));
        if (sizes is not null)
        {
            mean = 0;
            for (var j = 1; j < sizes.Count; j++)
            {
                mean += j * sizes[j];
            }
        }

        _pushes = expectedJobs / Math.Max(1, mean);
        _sizes = sizes is not null && _pushes <= MostPushesForRecursion ? sizes : null;
        if (_sizes is null)
        {
            _pushes = expectedJobs / _batch;
        }

        _pushTerm = Math.Exp(-_pushes);
    }

    /// <summary>P(N ≥ k) for the next k (from 1).</summary>
    public double Next()
    {
        _k++;
        if (_sizes is null)
        {
            // P(N ≥ k) = P(pushes ≥ ⌈k / batch⌉).
            var needed = (_k + _batch - 1) / _batch;
            while (_pushesCounted < needed)
            {
                _below += _pushTerm;
                _pushesCounted++;
                _pushTerm *= _pushes / _pushesCounted;
            }

            return Math.Clamp(1 - _below, 0, 1);
        }

        // P(N ≥ k) = 1 − Σ_{n<k} g(n): add g(k − 1).
        var n = _k - 1;
        double g;
        if (n == 0)
        {
            g = Math.Exp(-_pushes);
        }
        else
        {
            double sum = 0;
            for (var j = 1; j <= Math.Min(n, _sizes.Count - 1); j++)
            {
                sum += j * _sizes[j] * _law[n - j];
            }

            g = _pushes / n * sum;
        }

        _law.Add(g);
        _below += g;
        return Math.Clamp(1 - _below, 0, 1);
    }
}
