using Bunit;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Infrastructure.Trust.Review;
using Sentinel.Tests.Portal.Components;
using Sentinel.Web.Components.Pages.Trust;

namespace Sentinel.Tests.Trust.Portal;

/// <summary>The review list: oldest first, All / Unassigned / Mine, claim for oneself, release one's own, assign to a teammate.</summary>
public sealed class ReviewListTests : PortalComponentTest
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Project = Guid.NewGuid();

    private static readonly ReviewItem[] Items =
    [
        Item("s-newest", minutesAgo: 2, assignee: null),
        Item("s-oldest", minutesAgo: 300, assignee: "me"),
        Item("s-middle", minutesAgo: 30, assignee: "bob"),
    ];

    [Theory]
    [InlineData(ReviewShow.All, new[] { "s-oldest", "s-middle", "s-newest" })]
    [InlineData(ReviewShow.Unassigned, new[] { "s-newest" })]
    [InlineData(ReviewShow.Mine, new[] { "s-oldest" })]
    public void Rows_AreOldestFirst_AndFilteredByWhoHasThem(ReviewShow show, string[] expected)
    {
        var cut = Render<ReviewList>(p => p.Add(l => l.Items, Items).Add(l => l.Show, show).Add(l => l.MyId, "me").Add(l => l.Now, Now));

        Assert.Equal(expected, cut.FindAll("[data-testid=review-row]").Select(r => r.GetAttribute("data-session")));
    }

    [Fact]
    public void ClaimAndRelease_RaiseTheirCallbacks_ForTheRowsItem_AndWaitingIsShownInWords()
    {
        ReviewItem? claimed = null, released = null;
        var cut = Render<ReviewList>(p => p.Add(l => l.Items, Items).Add(l => l.MyId, "me").Add(l => l.Now, Now)
            .Add(l => l.OnClaim, i => claimed = i).Add(l => l.OnRelease, i => released = i));

        var oldest = cut.Find("[data-session=s-oldest]");
        Assert.Empty(oldest.QuerySelectorAll("[data-testid=review-claim]"));
        cut.Find("[data-session=s-oldest] [data-testid=review-release]").Click();
        cut.Find("[data-session=s-middle] [data-testid=review-claim]").Click();

        Assert.Equal("s-oldest", released?.SessionId);
        Assert.Equal("s-middle", claimed?.SessionId);
        Assert.Contains("5 h", cut.Find("[data-session=s-oldest]").TextContent, StringComparison.Ordinal);
        Assert.Contains("bob@example.com", cut.Find("[data-session=s-middle] [data-testid=review-assignee]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyQueue_ExplainsWhatArrivesThere()
    {
        var cut = Render<ReviewList>(p => p.Add(l => l.Items, []));

        Assert.Contains("Nothing to review", cut.Markup, StringComparison.Ordinal);
    }

    private static ReviewItem Item(string id, int minutesAgo, string? assignee) =>
        new(Project, id, TrustAction.Block, 0.05, 400, "abc123", Now.AddMinutes(-minutesAgo - 1), Now.AddMinutes(-minutesAgo),
            assignee, assignee is null ? null : assignee + "@example.com", assignee is null ? null : Now);
}
