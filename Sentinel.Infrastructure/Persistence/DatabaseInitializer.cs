using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Team;

namespace Sentinel.Infrastructure.Persistence;

/// <summary>Applies migrations, makes sure the roles exist and creates the first admin when there is no user yet.</summary>
public sealed partial class DatabaseInitializer(
    SentinelDbContext db,
    UserManager<SentinelUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<BootstrapOptions> bootstrap,
    AuditLog audit,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogApplyingMigrations(logger, pending.Count, pending);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                ThrowOnFailure(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var options = bootstrap.Value;
        var generated = string.IsNullOrEmpty(options.AdminPassword);
        var password = generated ? TeamService.GeneratePassword() : options.AdminPassword!;
        // A generated password went through the log: the first sign-in must replace it.
        var admin = new SentinelUser { UserName = options.AdminEmail, Email = options.AdminEmail, EmailConfirmed = true, MustChangePassword = generated };
        ThrowOnFailure(await users.CreateAsync(admin, password), $"create the first admin {options.AdminEmail} (check Bootstrap:AdminPassword)");
        ThrowOnFailure(await users.AddToRoleAsync(admin, Roles.Admin), "make the first admin an Admin");

        audit.Record(AuditActor.System, AuditActions.BootstrapAdminCreated, options.AdminEmail);
        await db.SaveChangesAsync(cancellationToken);

        if (generated)
        {
            // Shown once: the hash is all that is stored. Change it after the first sign-in.
            LogGeneratedAdmin(logger, options.AdminEmail, password);
        }
        else
        {
            LogConfiguredAdmin(logger, options.AdminEmail);
        }
    }

    private static void ThrowOnFailure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s): {Migrations}")]
    private static partial void LogApplyingMigrations(ILogger logger, int count, IEnumerable<string> migrations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first admin {Email} with the generated password {Password} . It is shown only this once; sign in and change it.")]
    private static partial void LogGeneratedAdmin(ILogger logger, string email, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin {Email} with the password from Bootstrap:AdminPassword.")]
    private static partial void LogConfiguredAdmin(ILogger logger, string email);
}
