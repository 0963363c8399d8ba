using Bunit;
using Sentinel.Domain.Trust.Events;
using Sentinel.Tests.Portal.Components;
using Sentinel.Web.Components.Pages.Trust;

namespace Sentinel.Tests.Trust.Portal;

/// <summary>The replay control holds the play state; the drawing module only draws and reports its clock.</summary>
public sealed class MovementReplayTests : PortalComponentTest
{
    private const string Module = "./js/movement-replay.js";

    // 10 s of movement starting at page time 5000 ms, a click at 7 s (down, then click), two key presses (one never released).
    private static readonly BehaviorEvent[] Events =
    [
        BehaviorEvent.Move(5000, 10, 10),
        BehaviorEvent.Move(6000, 20, 15),
        BehaviorEvent.Down(7000, 20, 15),
        new(BehaviorEventKind.Click, 7001, 20, 15, KeyClass.Other, 0, true),
        new(BehaviorEventKind.KeyDown, 8000, 0, 0, KeyClass.Letter, 3, true),
        new(BehaviorEventKind.KeyUp, 8090, 0, 0, KeyClass.Letter, 3, true),
        new(BehaviorEventKind.KeyDown, 9000, 0, 0, KeyClass.Letter, 4, true),
        BehaviorEvent.Move(15000, 30, 40),
    ];

    [Fact]
    public void Timeline_IsRelativeToTheFirstEvent_AndPairsKeyDownsWithTheirRelease()
    {
        var timeline = new ReplayTimeline(Events.Reverse());

        Assert.Equal(10_000, timeline.DurationMs);
        Assert.Equal(0.25, timeline.Fraction(2500));
        Assert.Equal(1, timeline.Fraction(99_999));
        Assert.Equal(0, timeline.Clamp(-5));
        Assert.Equal(1, timeline.EventsUntil(0));
        Assert.Equal(3, timeline.EventsUntil(2000));
        Assert.Equal(4, timeline.EventsUntil(2999));
        Assert.Equal(8, timeline.EventsUntil(10_000));
        Assert.Equal([new KeyStrike(3000, 90, KeyClass.Letter), new KeyStrike(4000, null, KeyClass.Letter)], timeline.Strikes);
        Assert.Equal((1, 3), (timeline.Presses, timeline.Moves));
        Assert.Equal("2.5 s", ReplayTimeline.Format(2500));
        Assert.Equal("2:05.0", ReplayTimeline.Format(125_000));
        Assert.Equal(0, new ReplayTimeline([]).Fraction(10));
    }

    [Fact]
    public async Task PlayPauseAndScrub_DriveTheModule_AndThePositionFollowsItsClock()
    {
        var module = JSInterop.SetupModule(Module);
        module.Mode = JSRuntimeMode.Loose;
        module.Setup<double>("pause", _ => true).SetResult(4321);
        var cut = Render<MovementReplay>(p => p.Add(r => r.Events, Events));

        module.VerifyInvoke("load");
        Assert.Equal("0.0 s / 10.0 s", cut.Find("[data-testid=replay-position]").TextContent.Trim());

        cut.Find("[data-testid=replay-play]").Click();
        Assert.True(cut.Instance.Playing);
        Assert.Equal(0d, module.VerifyInvoke("play").Arguments[1]);

        await cut.InvokeAsync(() => cut.Instance.OnTick(1500));
        Assert.Equal("1.5 s / 10.0 s", cut.Find("[data-testid=replay-position]").TextContent.Trim());

        cut.Find("[data-testid=replay-play]").Click();
        Assert.False(cut.Instance.Playing);
        Assert.Equal(4321, cut.Instance.PositionMs);
        Assert.Equal("false", cut.Find("[data-testid=replay-play]").GetAttribute("data-playing"));

        // Scrubbing while paused only moves the picture; past the end it stops at the end.
        await cut.InvokeAsync(() => cut.Instance.ScrubAsync(60_000));
        Assert.Equal(10_000, cut.Instance.PositionMs);
        Assert.Equal(10_000d, module.VerifyInvoke("seek").Arguments[1]);

        // Play at the end starts over; scrubbing while playing keeps playing from there.
        cut.Find("[data-testid=replay-play]").Click();
        Assert.Equal(0d, module.Invocations["play"][^1].Arguments[1]);
        await cut.InvokeAsync(() => cut.Instance.ScrubAsync(2000));
        Assert.True(cut.Instance.Playing);
        Assert.Equal(2000d, module.Invocations["play"][^1].Arguments[1]);

        await cut.InvokeAsync(() => cut.Instance.OnEnded(10_000));
        Assert.False(cut.Instance.Playing);
        Assert.Equal("10.0 s / 10.0 s", cut.Find("[data-testid=replay-position]").TextContent.Trim());
    }

    [Fact]
    public void ASessionWithoutRawEvents_SaysSo_AndLoadsNoModule()
    {
        var cut = Render<MovementReplay>(p => p.Add(r => r.Events, []));

        Assert.NotNull(cut.Find("[data-testid=replay-empty]"));
        Assert.Empty(JSInterop.Invocations);
    }
}
