using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Projects;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Projects;

/// <summary>Creates, renames, archives and lists projects; names are unique and every change is audited.</summary>
public sealed class ProjectService(SentinelDbContext db, AuditLog audit, TimeProvider time)
{
    /// <summary>The active projects by name; archived ones too when asked (they stay in the portal's archive view).</summary>
    public Task<List<Project>> ListAsync(CancellationToken cancellationToken, bool includeArchived = false) =>
        db.Projects.AsNoTracking()
            .Where(p => includeArchived || p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ToListAsync(cancellationToken);

    public Task<Project?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Project?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);

    /// <summary>How many days of API events the project keeps; the retention job deletes older ones within the hour.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not between 1 and <see cref="Project.MaxRetentionDays"/>.</exception>
    public async Task SetRetentionAsync(Guid id, int days, AuditActor actor, CancellationToken cancellationToken)
    {
        if (days is < 1 or > Project.MaxRetentionDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"Retention must be between 1 and {Project.MaxRetentionDays} days.");
        }

        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException("This project no longer exists.");
        if (project.RetentionDays == days)
        {
            return;
        }

        audit.Record(actor, AuditActions.ProjectRetentionChanged, project.Name, id, $"from={project.RetentionDays} to={days}");
        project.RetentionDays = days;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Replaces the declared environments (see <see cref="ProjectEnvironments"/>) and returns them as stored.</summary>
    /// <exception cref="ArgumentException">A name breaks the rules; the message says which and why.</exception>
    public async Task<IReadOnlyList<string>> SetEnvironmentsAsync(Guid id, string? names, AuditActor actor, CancellationToken cancellationToken)
    {
        var (parsed, problem) = ProjectEnvironments.Parse(names);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(names));
        }

        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException("This project no longer exists.");
        var stored = parsed.Count == 0 ? null : string.Join(' ', parsed);
        if (stored != project.Environments)
        {
            audit.Record(actor, AuditActions.ProjectEnvironmentsChanged, project.Name, id, $"from={project.Environments} to={stored}");
            project.Environments = stored;
            await db.SaveChangesAsync(cancellationToken);
        }

        return parsed;
    }

    /// <summary>Creates a project with a unique slug derived from its name (<c>shop</c>, <c>shop-2</c>, ...).</summary>
    /// <exception cref="ProjectNameException">The name is empty, too long or taken.</exception>
    public async Task<Project> CreateAsync(string name, AuditActor actor, CancellationToken cancellationToken)
    {
        name = await CheckNameAsync(name, exceptId: null, cancellationToken);
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
        await SaveAsync(name, cancellationToken);
        return project;
    }

    /// <summary>Renames a project; its slug (used in links and keys' lookups) stays as it was.</summary>
    /// <exception cref="ProjectNameException">The name is empty, too long or taken.</exception>
    public async Task<Project> RenameAsync(Guid id, string name, AuditActor actor, CancellationToken cancellationToken)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new ProjectNameException("This project no longer exists.");
        name = await CheckNameAsync(name, id, cancellationToken);
        if (name == project.Name)
        {
            return project;
        }

        audit.Record(actor, AuditActions.ProjectRenamed, name, id, $"from={project.Name}");
        project.Name = name;
        await SaveAsync(name, cancellationToken);
        return project;
    }

    /// <summary>Archives (or restores) a project: it leaves the lists, keeps its data and its name. Idempotent.</summary>
    public async Task<bool> SetArchivedAsync(Guid id, bool archived, AuditActor actor, CancellationToken cancellationToken)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null || project.IsArchived == archived)
        {
            return false;
        }

        project.ArchivedAt = archived ? time.GetUtcNow().UtcDateTime : null;
        audit.Record(actor, archived ? AuditActions.ProjectArchived : AuditActions.ProjectRestored, project.Name, id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The trimmed name, or the reason it cannot be used. Case-insensitive: "Shop" and "shop" are one name.</summary>
    private async Task<string> CheckNameAsync(string? name, Guid? exceptId, CancellationToken cancellationToken)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new ProjectNameException("A project needs a name.");
        }

        if (name.Length > Project.NameMaxLength)
        {
            throw new ProjectNameException($"A project name has at most {Project.NameMaxLength} characters.");
        }

        var upper = name.ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL upper(); culture overloads are not translatable
        if (await db.Projects.AnyAsync(p => p.Id != exceptId && p.Name.ToUpper() == upper, cancellationToken))
#pragma warning restore CA1304, CA1311, CA1862
        {
            throw new ProjectNameException($"A project named \"{name}\" already exists (archived projects keep their names).");
        }

        return name;
    }

    /// <summary>Saves; a unique-index violation (two admins at the same moment) reads like the check above.</summary>
    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            throw new ProjectNameException($"A project named \"{name}\" already exists.", e);
        }
    }
}

/// <summary>A project name that cannot be used; the message is meant for the person who typed it.</summary>
public sealed class ProjectNameException : Exception
{
    public ProjectNameException(string message)
        : base(message)
    {
    }

    public ProjectNameException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
