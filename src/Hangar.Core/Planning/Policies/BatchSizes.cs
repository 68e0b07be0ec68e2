namespace Hangar.Core.Planning.Policies;

/// <summary>
/// How many jobs a pool's pushes fan out into, as a distribution over the last five hundred or so pushes: half of them may
/// be single jobs and a fifth matrices of ten, and a mean of three says neither. What the k-th warm runner is worth
/// depends on how often a push brings at least k jobs (<see cref="ArrivalTail"/>).
/// </summary>
internal sealed class BatchSizes
{
    /// <summary>Matrices larger than this count as this large.</summary>
    public const int Largest = 64;

    /// <summary>Each push weighs 1 and every earlier one this much less: about five hundred pushes' memory. The tail of
    /// the law (how often a push brings k jobs or more) decides the k-th warm runner; estimated from a hundred pushes a
    /// one-in-ten tail wanders by a third and moves the warm supply of a constant stream for nothing.</summary>
    public const double Keep = 0.998;

    private readonly double[] _weights = new double[Largest + 1];
    private double _total;

    public void Record(int jobs)
    {
        if (jobs < 1)
        {
            return;
        }

        for (var size = 1; size <= Largest; size++)
        {
            _weights[size] *= Keep;
        }

        _weights[Math.Min(jobs, Largest)] += 1;
        _total = (_total * Keep) + 1;
    }

    /// <summary>Jobs per push over the recent pushes (1 before one was seen): steadier than the batch size, which a
    /// single large matrix moves.</summary>
    public double Mean
    {
        get
        {
            if (_total <= 0)
            {
                return 1;
            }

            double jobs = 0;
            for (var size = 1; size <= Largest; size++)
            {
                jobs += size * _weights[size];
            }

            return jobs / _total;
        }
    }

    /// <summary>P(a push has j jobs) at index j (index 0 unused), or null before a push was seen.</summary>
    public double[]? Distribution()
    {
        if (_total <= 0)
        {
            return null;
        }

        var distribution = new double[Largest + 1];
        for (var size = 1; size <= Largest; size++)
        {
            distribution[size] = _weights[size] / _total;
        }

        return distribution;
    }
}
