using Hangar.Core.Planning.Policies;

namespace Hangar.Core.Tests.Planning.Policies;

/// <summary>
/// <c>predictive</c>'s forecast around a busy spell with a fake clock: the forecaster fed pushes of one job (2.8 a minute
/// calm, 11.2 in a spell) as the converge pass feeds it; its rate follows the spell test, and its profile is trusted
/// only where it predicts.
/// </summary>
public sealed class SpellForecastTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly PredictiveWarmPolicy Policy = new();

    [Fact]
    public void Forecast_BusySpell_RateRaisedWithinTwentyPushes_DroppedWithinFiveMinutesOfItsEnd()
    {
        var forecaster = new DemandForecaster();
        var random = new Random(4);
        var at = Pushes(forecaster, random, T0, T0.AddHours(2), 2.8);
        var calm = forecaster.Forecast("linux", Policy, at);
        calm.Burst.ShouldBeFalse();

        var pushes = 0;
        while (!forecaster.Forecast("linux", Policy, at).Burst)
        {
            at = Pushes(forecaster, random, at, at, 11.2);
            pushes++;
        }

        pushes.ShouldBeLessThanOrEqualTo(20);
        forecaster.Forecast("linux", Policy, at).Rate.ShouldBeGreaterThanOrEqualTo(3 * calm.Rate);

        at = Pushes(forecaster, random, at, at.AddMinutes(30), 11.2);
        var end = at;
        while (forecaster.Forecast("linux", Policy, at).Burst)
        {
            at = Pushes(forecaster, random, at, at, 2.8);
        }

        (at - end).ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(5));
        forecaster.Forecast("linux", Policy, at).Rate.ShouldBeLessThan(2 * calm.Rate);
    }

    [Fact]
    public void ProfileSkill_TrustsWhicheverPredictedTheMinutesBetter()
    {
        var daily = new ProfileSkill();
        var noise = new ProfileSkill();
        for (var m = 0; m <= 600; m++)
        {
            // Arrivals of 10 jobs in even minutes and none in odd ones: one profile knows the rhythm, the level says 5.
            var at = T0.AddMinutes(m);
            daily.Track(at, 5, minute => (minute.Minute % 2 == 0 ? 10 : 0, minute.Minute % 2 == 0 ? 10 : 0));
            noise.Track(at, 5, minute => (minute.Minute % 2 == 0 ? 10 : 0, minute.Minute % 2 == 0 ? 0 : 10));
        }

        daily.Trusted.ShouldBeTrue();
        noise.Trusted.ShouldBeFalse();
    }

    [Theory]
    [InlineData(2.0, 4)]
    [InlineData(8.0, 4)]
    [InlineData(5.0, 1)]
    public void CoveringSupply_OneMatrixSize_SameAsTheFixedBatch(double expected, int batch)
    {
        var sizes = new double[batch + 1];
        sizes[batch] = 1;

        WarmTargets.CoveringSupply(expected, batch, 0.7, 100, sizes).ShouldBe(WarmTargets.CoveringSupply(expected, batch, 0.7, 100));
    }

    /// <summary>Poisson pushes of one job from <paramref name="from"/> until <paramref name="until"/> (at least one).</summary>
    private static DateTimeOffset Pushes(DemandForecaster forecaster, Random random, DateTimeOffset from, DateTimeOffset until, double perMinute)
    {
        var at = from;
        do
        {
            at += TimeSpan.FromMinutes(-Math.Log(1 - random.NextDouble()) / perMinute) + TimeSpan.FromSeconds(2.1);
            forecaster.ObserveArrival("linux", at);
        }
        while (at < until);

        return at;
    }
}
