using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sentinel.Domain.Auditing;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Team;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Team;

/// <summary>Failed sign-ins for emails without an account cannot fill the audit log: one row per source address and minute.</summary>
public sealed class UnknownAccountSignInsTests
{
    [Fact]
    public void ShouldAudit_TheFirstFailureOfAMinute_AndFoldsTheRestIntoTheNextRow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var signIns = new UnknownAccountSignIns(time);

        Assert.True(signIns.ShouldAudit("203.0.113.1", out var bucket, out var folded));
        Assert.Equal(("203.0.113.1", 0), (bucket, folded));
        Assert.False(signIns.ShouldAudit("203.0.113.1", out _, out _));
        Assert.False(signIns.ShouldAudit("203.0.113.1", out _, out _));
        Assert.True(signIns.ShouldAudit("203.0.113.2", out _, out _));

        time.Advance(UnknownAccountSignIns.Window);
        Assert.True(signIns.ShouldAudit("203.0.113.1", out _, out folded));
        Assert.Equal(2, folded);
    }

    [Fact]
    public void ShouldAudit_PastMaxAddressesInAMinute_PutsTheRestInOneBucket()
    {
        var signIns = new UnknownAccountSignIns(new FakeTimeProvider());
        for (var i = 0; i < UnknownAccountSignIns.MaxAddresses; i++)
        {
            Assert.True(signIns.ShouldAudit($"10.0.{i / 256}.{i % 256}", out _, out _));
        }

        Assert.True(signIns.ShouldAudit("198.51.100.7", out var bucket, out _));
        Assert.Equal(UnknownAccountSignIns.OtherAddresses, bucket);
        Assert.False(signIns.ShouldAudit("198.51.100.8", out _, out _));
    }

    [Fact]
    public async Task LoginForm_WithManyUnknownEmails_WritesOneAuditRow_AndKnownAccountsStillGetTheirOwn()
    {
        await using var app = SentinelApp.Embedded().Start();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var known = $"known-{Guid.NewGuid():N}@sentinel.test";
        await app.CreateUserAsync(known, Sentinel.Domain.Identity.Roles.Support);

        for (var attempt = 0; attempt < 20; attempt++)
        {
            await SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = $"nobody-{attempt}@sentinel.test", ["Input.Password"] = "wrong-password-123" });
        }

        await SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = known, ["Input.Password"] = "wrong-password-123" });

        var failures = await app.WithServiceAsync<SentinelDbContext, List<AuditEntry>>(db => db.AuditEntries.Where(a => a.Action == AuditActions.UserSignInFailed).ToListAsync());
        var unknown = Assert.Single(failures, a => a.Detail != null && a.Detail.StartsWith("unknown account", StringComparison.Ordinal));
        Assert.Equal("nobody-0@sentinel.test", unknown.Subject);
        Assert.Single(failures, a => a.Subject == known);
    }
}
