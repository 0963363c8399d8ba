using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Team;

public sealed record TeamMember(string Id, string Email, IReadOnlyList<string> Roles, bool LockedOut, bool MustChangePassword)
{
    public string Role => Roles.Count > 0 ? Roles[0] : "";
}

/// <summary>
/// The portal's people: admins add members with a role and a one-time password, change roles, unlock, reset
/// passwords and remove members. Every change is audited, and every change that should end an open portal session
/// (role, removal, password) renews the security stamp, which the portal revalidates within a minute.
/// The last admin can be neither demoted nor removed, so the portal always has someone to run it.
/// </summary>
public sealed class TeamService(SentinelDbContext db, UserManager<SentinelUser> users, AuditLog audit, TimeProvider time)
{
    public async Task<List<TeamMember>> ListAsync(CancellationToken cancellationToken)
    {
        var people = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roleRows = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return people.Select(u => new TeamMember(
            u.Id,
            u.Email ?? u.UserName ?? u.Id,
            roleRows.Where(r => r.UserId == u.Id && r.Name is not null).Select(r => r.Name!).Order().ToList(),
            u.LockoutEnd is { } end && end > now,
            u.MustChangePassword)).ToList();
    }

    /// <summary>Creates a member and returns the generated first password, which is shown once and never stored.</summary>
    public async Task<(IdentityResult Result, string? Password)> AddMemberAsync(string email, string role, AuditActor actor)
    {
        if (!Roles.All.Contains(role))
        {
            return (Failed("UnknownRole", $"Role must be one of {string.Join(", ", Roles.All)}."), null);
        }

        var user = new SentinelUser { UserName = email, Email = email, EmailConfirmed = true, MustChangePassword = true };
        var password = GeneratePassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (created, null);
        }

        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            return (added, null);
        }

        audit.Record(actor, AuditActions.UserCreated, email, detail: $"role={role}");
        await db.SaveChangesAsync();
        return (IdentityResult.Success, password);
    }

    /// <summary>Gives the member exactly one role. Refused for the last admin and for oneself (ask another admin).</summary>
    public async Task<IdentityResult> ChangeRoleAsync(string userId, string role, AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Roles.All.Contains(role))
        {
            return Failed("UnknownRole", $"Role must be one of {string.Join(", ", Roles.All)}.");
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return NotFound();
        }

        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role)
        {
            return IdentityResult.Success;
        }

        if (userId == actor.UserId)
        {
            return Failed("OwnRole", "You cannot change your own role; ask another admin.");
        }

        if (current.Contains(Roles.Admin) && await IsLastAdminAsync(user))
        {
            return Failed("LastAdmin", "This is the last admin; make someone else an admin first.");
        }

        var result = await users.RemoveFromRolesAsync(user, current);
        result = result.Succeeded ? await users.AddToRoleAsync(user, role) : result;
        // The role is a claim in the cookie: a new stamp makes the open portal re-check it (and drop it if demoted).
        result = result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
        if (result.Succeeded)
        {
            audit.Record(actor, AuditActions.UserRoleChanged, user.Email ?? userId, detail: $"from={string.Join(',', current)} to={role}");
            await db.SaveChangesAsync();
        }

        return result;
    }

    /// <summary>Deletes the member. Their audit entries keep their name. Refused for the last admin and for oneself.</summary>
    public async Task<IdentityResult> RemoveAsync(string userId, AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return NotFound();
        }

        if (userId == actor.UserId)
        {
            return Failed("OwnAccount", "You cannot remove yourself; ask another admin.");
        }

        if (await users.IsInRoleAsync(user, Roles.Admin) && await IsLastAdminAsync(user))
        {
            return Failed("LastAdmin", "This is the last admin; make someone else an admin first.");
        }

        var result = await users.DeleteAsync(user);
        if (result.Succeeded)
        {
            audit.Record(actor, AuditActions.UserRemoved, user.Email ?? userId);
            await db.SaveChangesAsync();
        }

        return result;
    }

    /// <summary>Ends a lockout after failed sign-ins, and forgets the failed attempts.</summary>
    public async Task<IdentityResult> UnlockAsync(string userId, AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return NotFound();
        }

        var result = await users.SetLockoutEndDateAsync(user, null);
        result = result.Succeeded ? await users.ResetAccessFailedCountAsync(user) : result;
        if (result.Succeeded)
        {
            audit.Record(actor, AuditActions.UserUnlocked, user.Email ?? userId);
            await db.SaveChangesAsync();
        }

        return result;
    }

    /// <summary>
    /// Replaces the password with a generated one-time password (returned once, never stored), unlocks the account
    /// and makes the next sign-in change it. Open sessions of the member end (new security stamp).
    /// </summary>
    public async Task<(IdentityResult Result, string? Password)> ResetPasswordAsync(string userId, AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return (NotFound(), null);
        }

        var password = GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return (result, null);
        }

        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        result = await users.UpdateAsync(user);
        if (result.Succeeded)
        {
            audit.Record(actor, AuditActions.UserPasswordReset, user.Email ?? userId);
            await db.SaveChangesAsync();
        }

        return (result, result.Succeeded ? password : null);
    }

    /// <summary>The member with this email, for the command line.</summary>
    public Task<SentinelUser?> FindByEmailAsync(string email) => users.FindByEmailAsync(email);

    internal static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y') + "-Aa1";

    private async Task<bool> IsLastAdminAsync(SentinelUser user)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.All(a => a.Id == user.Id);
    }

    private static IdentityResult Failed(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });

    private static IdentityResult NotFound() => Failed("NotFound", "This member no longer exists.");
}
