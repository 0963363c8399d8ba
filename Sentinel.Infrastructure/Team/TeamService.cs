using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Team;

public sealed record TeamMember(string Id, string Email, IReadOnlyList<string> Roles, bool LockedOut);

/// <summary>The portal's people: admins add members with a role and a one-time password to pass on.</summary>
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
            u.LockoutEnd is { } end && end > now)).ToList();
    }

    /// <summary>Creates a member and returns the generated first password, which is shown once and never stored.</summary>
    public async Task<(IdentityResult Result, string? Password)> AddMemberAsync(string email, string role, AuditActor actor)
    {
        if (!Roles.All.Contains(role))
        {
            return (IdentityResult.Failed(new IdentityError { Code = "UnknownRole", Description = $"Role must be one of {string.Join(", ", Roles.All)}." }), null);
        }

        var user = new SentinelUser { UserName = email, Email = email, EmailConfirmed = true };
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

    internal static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y') + "-Aa1";
}
