using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Keys;
using Sentinel.Domain.Projects;
using Sentinel.Infrastructure.DataProtection;

namespace Sentinel.Infrastructure.Persistence;

/// <summary>
/// The app database: Identity, projects, their API keys and the audit log. One model for SQLite (embedded) and
/// PostgreSQL (production); each provider has its own subclass (<see cref="SqliteSentinelDbContext"/>,
/// <see cref="PostgresSentinelDbContext"/>) only so that <c>dotnet ef</c> keeps a migration history and a model
/// snapshot per provider (docs/decisions/028). Services ask for this type; the host registers the configured subclass.
/// </summary>
public abstract class SentinelDbContext(DbContextOptions options)
    : IdentityDbContext<SentinelUser>(options)
{
    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SentinelDbContext).Assembly);
    }
}
