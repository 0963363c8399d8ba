using Sentinel.Domain.Keys;

namespace Sentinel.Tests.Keys;

public sealed class ApiKeyTokenTests
{
    [Theory]
    [InlineData(ApiKeyKind.Ingest, "snt_ing_")]
    [InlineData(ApiKeyKind.Publishable, "snt_pub_")]
    [InlineData(ApiKeyKind.Secret, "snt_sec_")]
    public void Generate_GivesATokenThatParsesBackToItsKindAndPrefix(ApiKeyKind kind, string start)
    {
        var (token, prefix) = ApiKeyToken.Generate(kind);

        Assert.StartsWith(start, token, StringComparison.Ordinal);
        Assert.True(ApiKeyToken.TryParse(token, out var parsedKind, out var parsedPrefix));
        Assert.Equal(kind, parsedKind);
        Assert.Equal(prefix, parsedPrefix);
        Assert.StartsWith(prefix, token, StringComparison.Ordinal);
        // The secret part (after the prefix) carries 32 symbols of 5 bits: 160 random bits, well over 128.
        Assert.Equal(ApiKeyToken.SecretLength, token.Length - prefix.Length - 1);
    }

    [Fact]
    public void Tokens_AreUnique_AndOnlyTheirHashMatches()
    {
        var tokens = Enumerable.Range(0, 2000).Select(_ => ApiKeyToken.Generate(ApiKeyKind.Ingest).Token).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());

        var hash = ApiKeyToken.Hash(tokens[0]);
        Assert.True(ApiKeyToken.Matches(tokens[0], hash));
        Assert.False(ApiKeyToken.Matches(tokens[1], hash));
        // Same prefix, one secret symbol changed: still no match.
        var tampered = tokens[0][..^1] + (tokens[0][^1] == 'a' ? 'b' : 'a');
        Assert.False(ApiKeyToken.Matches(tampered, hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("snt_xxx_abcdefghijkl_abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("snt_ing_ABCDEFGHIJKL_abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("snt_ing_abcdefghijkl_abcdefghijklmnopqrstuvwxyz23456")]
    [InlineData("sk_ing_abcdefghijkl_abcdefghijklmnopqrstuvwxyz2345678")]
    public void TryParse_RefusesWhatIsNotAToken(string? token) => Assert.False(ApiKeyToken.TryParse(token, out _, out _));

    [Fact]
    public void IsUsableAt_HonoursRevocationAndExpiry()
    {
        var now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        var key = new ApiKey { Name = "k", Prefix = "p", Hash = [], ExpiresAt = now.AddMinutes(1) };

        Assert.True(key.IsUsableAt(now));
        Assert.False(key.IsUsableAt(now.AddMinutes(1)));
        key.ExpiresAt = null;
        key.RevokedAt = now;
        Assert.False(key.IsUsableAt(now));
    }
}
