using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Analytics.Rollups;

namespace Sentinel.Tests.Analytics;

/// <summary>A long view's plan (ADR 031): rolled-up hours plus raw intervals cover the view exactly once, and no hour straddles a period boundary.</summary>
public sealed class RollupPlanTests
{
    private const long H = RollupPlan.HourSeconds;
    private const long Base = 1_764_000_000 - (1_764_000_000 % H);

    [Fact]
    public void HoursAndRawIntervals_CoverTheViewExactlyOnce()
    {
        var views = Gen.Choose(0, 20 * (int)H).Zip(Gen.Choose(1, 40 * (int)H)).Zip(Gen.Choose(1, 40 * (int)H))
            .Zip(Gen.ListOf(Gen.Choose(-5, 100)));
        Prop.ForAll(views.ToArbitrary(), view =>
        {
            var (((offset, previous), length), hourIndexes) = view;
            long[] boundaries = [Base + offset, Base + offset + previous, Base + offset + previous + length];
            var plan = RollupPlan.Of(boundaries, hourIndexes.Select(i => Base + (i * H)));

            var pieces = plan.Hours.Select(h => (From: h, To: h + H)).Concat(plan.Raw).OrderBy(p => p.From).ToList();
            var covers = pieces[0].From == boundaries[0] && pieces[^1].To == boundaries[^1] && pieces.Zip(pieces.Skip(1)).All(p => p.First.To == p.Second.From);
            var noStraddle = plan.Hours.All(h => boundaries.All(b => b <= h || b >= h + H));
            var onlyRolled = plan.Hours.All(h => hourIndexes.Contains((int)((h - Base) / H)));
            var current = plan.Within(boundaries[1], boundaries[2]);
            var within = (current.Hours.Count * H) + current.Raw.Sum(r => r.To - r.From) == boundaries[2] - boundaries[1];
            return covers && noStraddle && onlyRolled && within;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AThirtyDayViewEndingMidHour_ReadsRawOnlyAtItsEdges()
    {
        var to = Base + (30 * 24 * H) + 1234;
        var from = to - (30 * 24 * H);
        var rolled = Enumerable.Range(-2, (60 * 24) + 4).Select(i => Base + (i * H) - (30 * 24 * H));

        var plan = RollupPlan.Of([from - (to - from), from, to], rolled);

        // The hour holding "from" is split between the periods, so it is read raw whole.
        Assert.Equal([(from - (to - from), Base - (30 * 24 * H) + H), (Base, Base + H), (to - 1234, to)], plan.Raw);
        Assert.Equal((2 * 30 * 24) - 2, plan.Hours.Count);
    }

    [Fact]
    public void AnHourNotRolledUp_IsReadRaw()
    {
        var plan = RollupPlan.Of([Base, Base + (5 * H)], [Base, Base + H, Base + (3 * H), Base + (4 * H)]);

        Assert.Equal([(Base + (2 * H), Base + (3 * H))], plan.Raw);
    }

    [Fact]
    public void ADailyRollup_StandsInOnlyForAWholeDayBuiltFromItsHoursCurrentVersions()
    {
        const long D = RollupPlan.DaySeconds;
        var day = Base - (Base % D);
        var hours = Enumerable.Range(0, 72).ToDictionary(i => day + (i * H), i => i == 30 ? 9UL : 5UL); // an hour of day 2 rebuilt as version 9
        var plan = RollupPlan.Of([day + 600, day + (72 * H)], hours.Keys.Where(h => h != day + (60 * H)));  // day 3 misses an hour

        var days = plan.WholeDays(new Dictionary<long, ulong> { [day] = 5, [day + D] = 5, [day + (2 * D)] = 5 }, hours);
        var rebuilt = plan.WholeDays(new Dictionary<long, ulong> { [day + D] = 9 }, hours);

        Assert.Empty(days); // day 1 starts before the view, day 2 has a newer hour, day 3 misses one
        Assert.Equal([day + D], rebuilt);
    }

    [Fact]
    public void ChangedHours_AreRebuiltInRunsPerProject()
    {
        var recorded = new Dictionary<ProjectHour, HourFingerprint>
        {
            [new("a", Base)] = new(10, 1),
            [new("a", Base + H)] = new(5, 2),
            [new("a", Base + (2 * H))] = new(7, 3),
            [new("a", Base - (10 * H))] = new(4, 0),
            [new("b", Base)] = new(3, 9),
        };
        var current = new Dictionary<ProjectHour, HourFingerprint>
        {
            [new("a", Base)] = new(10, 1),            // unchanged
            [new("a", Base + H)] = new(5, 99),         // same count, other ids: a late event and a merged duplicate
            [new("a", Base + (2 * H))] = new(8, 3),    // a late event
            [new("a", Base - (10 * H))] = new(4, 0),   // before the late window: the hash is not compared
            [new("a", Base + (3 * H))] = new(1, 5),    // not rolled up yet
        };                                             // b's hour: emptied by retention

        var changed = HourFingerprint.Changed(current, recorded, lateFrom: Base);

        Assert.Equal([new("a", Base + H), new("a", Base + (2 * H)), new("a", Base + (3 * H)), new("b", Base)], changed);
        Assert.Equal([("a", Base + H, Base + (3 * H)), ("a", Base + (3 * H), Base + (4 * H)), ("b", Base, Base + H)], HourFingerprint.Runs(changed, maxHours: 2).ToList());
    }
}
