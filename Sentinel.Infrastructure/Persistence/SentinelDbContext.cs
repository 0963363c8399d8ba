using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Keys;
using Sentinel.Domain.Projects;
using Sentinel.Infrastructure.DataProtection;

namespace Sentinel.Infrastructure.Persistence;

/// <summary>
/// The app database: Identity, projects, their API keys and the audit log. The same model and the same hand-written
/// migrations serve SQLite (embedded) and PostgreSQL (production); column types are left to the provider.
/// </summary>
public sealed class SentinelDbContext(DbContextOptions<SentinelDbContext> options)
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
