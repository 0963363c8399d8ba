using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Projects;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Projects;

/// <summary>Creates and lists projects; every change is audited.</summary>
public sealed class ProjectService(SentinelDbContext db, AuditLog audit, TimeProvider time)
{
    public Task<List<Project>> ListAsync(CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);

    public Task<Project?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>Creates a project with a unique slug derived from its name (<c>shop</c>, <c>shop-2</c>, ...).</summary>
    public async Task<Project> CreateAsync(string name, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Length > Project.NameMaxLength)
        {
            throw new ArgumentException($"A project name has at most {Project.NameMaxLength} characters.", nameof(name));
        }

        var baseSlug = ProjectSlug.FromName(name);
        var taken = await db.Projects.Where(p => p.Slug == baseSlug || p.Slug.StartsWith(baseSlug + "-")).Select(p => p.Slug).ToListAsync(cancellationToken);
        var slug = baseSlug;
        for (var n = 2; taken.Contains(slug); n++)
        {
            slug = $"{baseSlug}-{n}";
        }

        var project = new Project { Id = Guid.NewGuid(), Name = name, Slug = slug, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Projects.Add(project);
        audit.Record(actor, AuditActions.ProjectCreated, name, project.Id, $"slug={slug}");
        await db.SaveChangesAsync(cancellationToken);
        return project;
    }
}
