namespace Hangar.Core.Planning.Policies;

/// <summary>
/// Tells a pool's busy spells from its calm ones as pushes arrive: a two-sided Poisson CUSUM (Page's sequential
/// likelihood-ratio test) between the calm rate λ0 and the busy rate λ1, each learnt from the pool's own pushes while
/// it was in that state. In calm, each push adds ln(λ1/λ0) to the evidence for a spell and each minute takes
/// (λ1 − λ0) away; at <see cref="Threshold"/> the pool is busy. In a spell the opposite sum, growing with quiet time
/// even when nothing arrives, ends it. Pushes, not jobs: a matrix's jobs arrive together and are not independent.
/// </summary>
/// <remarks>
/// The threshold sets the false-alarm rate: the calm sum's excursions reach h about once in e^h pushes (Wald's bound on
/// a likelihood-ratio random walk), so h = 7 gives a false spell about once per thousand calm pushes (measured in
/// <c>SpellDetectorTests</c>), while a spell at 4× the calm rate accrues ln 3 − 1/2 ≈ 0.6 per push and is seen after
/// about a dozen of its pushes. Both rates are forgotten over their own state's time (an hour): the calm rate
/// follows a daily rise, the busy one is remembered across the calm hours between spells.
/// </remarks>
internal sealed class SpellDetector
{
    /// <summary>The CUSUM's decision threshold h (natural log of the likelihood ratio).</summary>
    public const double Threshold = 7;

    /// <summary>The smallest rise taken for a spell, and the busy rate assumed before one was seen.</summary>
    public const double LeastRatio = 3;

    /// <summary>Pushes and calm minutes needed before the calm rate is trusted (the detector says nothing before).</summary>
    private const double WarmUpPushes = 10;
    private const double WarmUpMinutes = 30;
    private const double MemoryMinutes = 60;

    private double _calmPushes;
    private double _calmMinutes;
    private double _busyPushes;
    private double _busyMinutes;
    private double _rise;
    private double _fall;
    private DateTimeOffset? _at;

    /// <summary>Whether the pool is in a busy spell, as of the last push or look.</summary>
    public bool Busy { get; private set; }

    /// <summary>Whether the calm rate has been seen long enough to test against.</summary>
    public bool Ready => _calmPushes >= WarmUpPushes && _calmMinutes >= WarmUpMinutes;

    /// <summary>Pushes per minute in calm (0 before any calm time).</summary>
    public double CalmRate => _calmMinutes <= 0 ? 0 : _calmPushes / _calmMinutes;

    /// <summary>Pushes per minute in a spell: learnt from past spells, at least <see cref="LeastRatio"/> × the calm rate.</summary>
    public double BusyRate => Math.Max(LeastRatio * CalmRate, _busyMinutes < 5 ? 0 : _busyPushes / _busyMinutes);

    /// <summary>A push (a batch of jobs) at <paramref name="at"/>.</summary>
    public void Push(DateTimeOffset at)
    {
        Look(at);
        if (Busy)
        {
            _busyPushes++;
        }
        else
        {
            _calmPushes++;
        }

        if (!Ready)
        {
            return;
        }

        var step = Math.Log(BusyRate / CalmRate);
        if (Busy)
        {
            _fall = Math.Max(0, _fall - step);
        }
        else if ((_rise += step) >= Threshold)
        {
            (Busy, _rise, _fall) = (true, 0, 0);
        }
    }

    /// <summary>Time passes to <paramref name="now"/> with no push: the calm sum falls, a spell's quiet adds up.</summary>
    public void Look(DateTimeOffset now)
    {
        if (_at is not { } last || now <= last)
        {
            _at ??= now;
            return;
        }

        var minutes = (now - last).TotalMinutes;
        _at = now;
        var drift = Ready ? (BusyRate - CalmRate) * minutes : 0;
        var keep = Math.Exp(-minutes / MemoryMinutes);
        if (Busy)
        {
            (_busyPushes, _busyMinutes) = ((_busyPushes * keep), (_busyMinutes * keep) + (MemoryMinutes * (1 - keep)));
            if ((_fall += drift) >= Threshold)
            {
                (Busy, _rise, _fall) = (false, 0, 0);
            }
        }
        else
        {
            (_calmPushes, _calmMinutes) = ((_calmPushes * keep), (_calmMinutes * keep) + (MemoryMinutes * (1 - keep)));
            _rise = Math.Max(0, _rise - drift);
        }
    }
}
