using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Team;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Team;

/// <summary>
/// Sign-in failures anyone can repeat (made-up emails, a locked account) cannot fill the audit log: one row per
/// source address and minute, the rest counted into the next row.
/// </summary>
public sealed class RepeatedSignInFailuresTests
{
    [Fact]
    public void ShouldAudit_TheFirstFailureOfAMinute_AndFoldsTheRestIntoTheNextRow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var failures = new RepeatedSignInFailures(time);

        Assert.True(failures.ShouldAudit("203.0.113.1", null, out var from, out var folded));
        Assert.Equal(("203.0.113.1", 0), (from, folded));
        Assert.False(failures.ShouldAudit("203.0.113.1", null, out _, out _));
        Assert.False(failures.ShouldAudit("203.0.113.1", null, out _, out _));
        Assert.True(failures.ShouldAudit("203.0.113.2", null, out _, out _));
        Assert.True(failures.ShouldAudit("203.0.113.1", "locked-user-id", out _, out _));

        time.Advance(RepeatedSignInFailures.Window);
        Assert.True(failures.ShouldAudit("203.0.113.1", null, out _, out folded));
        Assert.Equal(2, folded);
    }

    [Fact]
    public void ShouldAudit_PastMaxAddressesInAMinute_PutsTheRestInOneBucket()
    {
        var failures = new RepeatedSignInFailures(new FakeTimeProvider());
        for (var i = 0; i < RepeatedSignInFailures.MaxAddresses; i++)
        {
            Assert.True(failures.ShouldAudit($"10.0.{i / 256}.{i % 256}", null, out _, out _));
        }

        Assert.True(failures.ShouldAudit("198.51.100.7", null, out var from, out _));
        Assert.Equal(RepeatedSignInFailures.OtherAddresses, from);
        Assert.False(failures.ShouldAudit("198.51.100.8", null, out _, out _));
    }

    [Fact]
    public async Task LoginForm_ManyUnknownEmails_AndALockedAccount_WriteOneRowEach_WhileWrongPasswordsAreEachAudited()
    {
        await using var app = SentinelApp.Embedded().Start();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var known = $"known-{Guid.NewGuid():N}@sentinel.test";
        await app.CreateUserAsync(known, Roles.Support);
        Task SignInAsync(string email) =>
            SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password-123" });

        for (var attempt = 0; attempt < 20; attempt++)
        {
            await SignInAsync($"nobody-{attempt}@sentinel.test");
        }

        // Five wrong passwords lock the account (4 failures + the lockout); ten more attempts hit the lock.
        for (var attempt = 0; attempt < 15; attempt++)
        {
            await SignInAsync(known);
        }

        var entries = await app.WithServiceAsync<SentinelDbContext, List<AuditEntry>>(db => db.AuditEntries.ToListAsync());
        var unknown = Assert.Single(entries, a => a.Action == AuditActions.UserSignInFailed && a.Detail != null && a.Detail.StartsWith("unknown account", StringComparison.Ordinal));
        Assert.Equal("nobody-0@sentinel.test", unknown.Subject);
        Assert.Equal(4, entries.Count(a => a.Action == AuditActions.UserSignInFailed && a.Subject == known));
        Assert.Single(entries, a => a.Action == AuditActions.UserLockedOut && a.Subject == known);
    }
}
