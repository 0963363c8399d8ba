using System.Text;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Live;
using Sentinel.Domain.Trust.Wire;

namespace Sentinel.Tests.Trust;

/// <summary>The wire reader and the marked-field typing, without a host.</summary>
public sealed class TrustWireReaderTests
{
    private static TrustBatch Read(string json, int max = 500) => TrustBatchReader.Read(Encoding.UTF8.GetBytes(json), max);

    [Fact]
    public void AValidBatch_ReadsEveryFieldOfTheContract()
    {
        var batch = Read("""
            {"sessionId":"abc_DEF-123","userId":"u1","extra":{"a":[1]},"events":[
              {"t":12.5,"type":"mousemove","x":-3.5,"y":4,"button":0,"isTrusted":true},
              {"t":13,"type":"keydown","key":"digit","zone":35,"field":"password","isTrusted":false},
              {"t":14,"type":"wheel","x":0,"y":-120,"isTrusted":true},
              {"t":15,"type":"blur","isTrusted":true}]}
            """);

        Assert.Equal((TrustBatch.Outcome.Ok, "abc_DEF-123", "u1", 4, 0), (batch.Result, batch.SessionId, batch.UserId, batch.Events.Length, batch.Rejected));
        Assert.Equal(new BehaviorEvent(BehaviorEventKind.MouseMove, 12.5, -3.5f, 4), batch.Events[0]);
        Assert.Equal(new BehaviorEvent(BehaviorEventKind.KeyDown, 13, Key: KeyClass.Digit, KeyZone: 35, IsTrusted: false), batch.Events[1]);
        Assert.Equal(new string?[] { "password", null, null }, batch.Fields[1..]);
        Assert.Null(batch.Fields[0]);
    }

    [Theory]
    [InlineData("""{"sessionId":"abcdefgh","events":[{"t":1,"type":"click","isTrusted":true}]}""", "0:x 0:y")]
    [InlineData("""{"sessionId":"abcdefgh","events":[{"t":-1,"type":"focus","isTrusted":true}]}""", "0:t")]
    [InlineData("""{"sessionId":"abcdefgh","events":[{"t":1,"type":"keyup","key":"é","zone":300,"isTrusted":true}]}""", "0:key 0:zone")]
    [InlineData("""{"sessionId":"abcdefgh","events":[{"t":1,"type":"keyup","key":"letter","field":"Pass word","isTrusted":1}]}""", "0:field 0:isTrusted")]
    [InlineData("""{"sessionId":"abcdefgh","events":[{"type":"focus"}]}""", "0:t 0:isTrusted")]
    public void ABadEvent_IsNamedWithItsFields(string json, string expected)
    {
        var batch = Read(json);

        Assert.Equal(TrustBatch.Outcome.NoValidEvent, batch.Result);
        Assert.Equal(expected, string.Join(' ', batch.Errors.Select(e => $"{e.Index}:{e.Field}")));
    }

    [Theory]
    [InlineData("""{"events":[]}""", TrustBatch.Outcome.BadSession)]
    [InlineData("""{"sessionId":"abc","events":[{}]}""", TrustBatch.Outcome.BadSession)]
    [InlineData("""{"sessionId":"abcdefgh/../x","events":[{}]}""", TrustBatch.Outcome.BadSession)]
    [InlineData("""{"sessionId":"abcdefgh","sessionId":"abcdefgh","events":[]}""", TrustBatch.Outcome.BadSession)]
    [InlineData("""{"sessionId":"abcdefgh"}""", TrustBatch.Outcome.NotABatch)]
    [InlineData("""{"sessionId":"abcdefgh","events":{}}""", TrustBatch.Outcome.NotABatch)]
    [InlineData("""{"sessionId":"abcdefgh","events":[]}""", TrustBatch.Outcome.Empty)]
    [InlineData("""{"sessionId":"abcdefgh","events":[]} x""", TrustBatch.Outcome.NotJson)]
    [InlineData("""[1]""", TrustBatch.Outcome.NotABatch)]
    public void BodiesThatAreNotABatch_AreRefusedWhole(string json, TrustBatch.Outcome expected) =>
        Assert.Equal(expected, Read(json).Result);

    [Fact]
    public void PastTheLimit_TheBatchIsRefused_AndCounted()
    {
        var events = string.Join(',', Enumerable.Range(0, 7).Select(i => $$"""{"t":{{i}},"type":"focus","isTrusted":true}"""));

        var batch = Read($$"""{"sessionId":"abcdefgh","events":[{{events}}]}""", max: 5);

        Assert.Equal((TrustBatch.Outcome.TooManyEvents, 7), (batch.Result, batch.Count));
    }

    [Fact]
    public void TypingInAMarkedField_GivesOneSamplePerRun_AndEditedRunsAreDropped()
    {
        var typing = new FieldTyping();
        void Type(double t, KeyClass key, byte zone, string? field = "password")
        {
            typing.Add(new BehaviorEvent(BehaviorEventKind.KeyDown, t, Key: key, KeyZone: zone), field);
            typing.Add(new BehaviorEvent(BehaviorEventKind.KeyUp, t + 80, Key: key, KeyZone: zone), field);
        }

        for (var i = 0; i < 5; i++)
        {
            Type(i * 200, KeyClass.Letter, (byte)(33 + i));
        }

        Type(1100, KeyClass.Enter, 45);
        for (var i = 0; i < 5; i++)
        {
            Type(2000 + (i * 200), i == 2 ? KeyClass.Backspace : KeyClass.Letter, (byte)(33 + i));
        }

        typing.Add(new BehaviorEvent(BehaviorEventKind.Blur, 4000), null);
        Type(5000, KeyClass.Letter, 33, field: null);

        var sample = Assert.Single(typing.TakeNew());
        Assert.Equal("password", sample.Field);
        Assert.Equal([0.08, 0.08, 0.08, 0.08, 0.08, 0.2, 0.2, 0.2, 0.2], sample.Features.Select(f => Math.Round(f, 3)));
        Assert.Empty(typing.TakeNew());
    }
}
