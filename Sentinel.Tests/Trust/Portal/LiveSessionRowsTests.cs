using Sentinel.Domain.Trust.Fusion;
using Sentinel.Infrastructure.Trust.Live;
using Sentinel.Web.Components.Pages.Trust;

namespace Sentinel.Tests.Trust.Portal;

/// <summary>The live page's rows: newest first, a session's later state wins whatever order changes arrive in, the window and the cap hold.</summary>
public sealed class LiveSessionRowsTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Project = Guid.NewGuid();

    [Fact]
    public void Changes_UpdateTheirRow_AnOlderChangeNeverReplacesANewerOne_AndTheActionFilterAppliesWhenReading()
    {
        var rows = new LiveSessionRows();
        rows.Load([Row("a", secondsAgo: 60, events: 100, TrustAction.Challenge)]);

        var changed = rows.Apply([Change("a", secondsAgo: 1, events: 900, TrustAction.Block), Change("a", secondsAgo: 30, events: 300, TrustAction.Challenge), Change("b", secondsAgo: 5, events: 50, TrustAction.Allow)], Now.AddMinutes(-15));

        Assert.Equal(2, changed);
        Assert.Equal([("a", 900L, TrustAction.Block), ("b", 50L, TrustAction.Allow)], rows.Visible(null).Select(r => (r.SessionId, r.EventsSeen, r.Action)));
        Assert.Equal(["b"], rows.Visible(TrustAction.Allow).Select(r => r.SessionId));
    }

    [Fact]
    public void RowsOutsideTheWindow_Leave_AndAtMostMaxRowsStay_TheNewest()
    {
        var rows = new LiveSessionRows();
        rows.Load([Row("old", secondsAgo: 20 * 60, events: 1, TrustAction.Allow)]);

        rows.Apply(Enumerable.Range(0, LiveSessionRows.MaxRows + 10).Select(i => Change($"s{i:D4}", secondsAgo: i, events: 1, TrustAction.Allow)), Now.AddMinutes(-15));

        Assert.Equal(LiveSessionRows.MaxRows, rows.Count);
        Assert.DoesNotContain(rows.Visible(null), r => r.SessionId == "old");
        Assert.Equal("s0000", rows.Visible(null)[0].SessionId);
        Assert.Equal($"s{LiveSessionRows.MaxRows - 1:D4}", rows.Visible(null)[^1].SessionId);
    }

    private static LiveRow Row(string id, int secondsAgo, long events, TrustAction action) =>
        LiveRow.From(Change(id, secondsAgo, events, action)) with { Live = false };

    private static SessionChange Change(string id, int secondsAgo, long events, TrustAction action) =>
        new(Project, id, action, 0.5, events, null, Now.AddMinutes(-20), Now.AddSeconds(-secondsAgo), false);
}
