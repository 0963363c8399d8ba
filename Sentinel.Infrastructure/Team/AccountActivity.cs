using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Team;

/// <summary>
/// What people do with their own account: sign-ins (also failed ones and lockouts) and password changes go to the
/// audit log, and the portal's per-person preferences are kept here.
/// </summary>
public sealed class AccountActivity(SentinelDbContext db, UserManager<SentinelUser> users, AuditLog audit, RepeatedSignInFailures repeatedFailures)
{
    /// <summary>
    /// Audits one sign-in attempt (<paramref name="email"/> is what was typed, cut to fit; <paramref name="source"/> the
    /// client address) and returns whether the person must replace a one-time password before anything else.
    /// Failures for unknown emails and attempts on a locked account are aggregated per source address and minute
    /// (<see cref="RepeatedSignInFailures"/>).
    /// </summary>
    public async Task<bool> RecordSignInAsync(string email, SignInResult result, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var user = await users.FindByEmailAsync(email);
        var subject = email.Length > AuditEntry.SubjectMaxLength ? email[..AuditEntry.SubjectMaxLength] : email;
        var action = result.Succeeded ? AuditActions.UserSignedIn
            : result.IsLockedOut ? AuditActions.UserLockedOut
            : AuditActions.UserSignInFailed;
        var actor = user is null ? new AuditActor(null, "anonymous") : new AuditActor(user.Id, user.Email ?? subject);
        if ((user is null && !result.Succeeded) || result.IsLockedOut)
        {
            if (!repeatedFailures.ShouldAudit(source, user?.Id, out var from, out var foldedIn))
            {
                return false;
            }

            var what = user is null ? "unknown account" : "account locked out";
            var detail = foldedIn == 0 ? $"{what}; from {from}" : $"{what}; from {from}; {foldedIn} more like it from there since the last entry";
            audit.Record(actor, action, subject, detail: detail);
        }
        else
        {
            audit.Record(actor, action, subject);
        }

        await db.SaveChangesAsync(cancellationToken);
        return result.Succeeded && user is not null && user.MustChangePassword;
    }

    /// <summary>Changes the password and clears a pending one-time password; audited when it succeeds.</summary>
    public async Task<IdentityResult> ChangePasswordAsync(SentinelUser user, string currentPassword, string newPassword)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return result;
        }

        user.MustChangePassword = false;
        result = await users.UpdateAsync(user);
        audit.Record(new AuditActor(user.Id, user.Email ?? user.Id), AuditActions.UserPasswordChanged, user.Email ?? user.Id);
        await db.SaveChangesAsync();
        return result;
    }

    public Task<bool> MustChangePasswordAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.MustChangePassword).FirstOrDefaultAsync(cancellationToken);

    public Task<bool> PrefersDarkModeAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.PrefersDarkMode).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Stores the theme without touching the security stamp (a theme change must not end sessions).</summary>
    public Task SetDarkModeAsync(string userId, bool dark, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PrefersDarkMode, dark), cancellationToken);
}
