using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Projects;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Projects;
using Sentinel.Tests.Persistence;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Projects;

/// <summary>The same repository behaviour on SQLite (embedded) and PostgreSQL (production).</summary>
public sealed class ProjectServiceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task CreateAsync_WithNamesOfOneSlug_GivesUniqueSlugs_AndAuditsBoth(Provider provider)
    {
        await using var app = (await TestDatabases.AppOnAsync(provider)).Start();

        var first = await app.CreateProjectAsync("Shop API");
        var second = await app.CreateProjectAsync("Shop-API");

        Assert.Equal("shop-api", first.Slug);
        Assert.Equal("shop-api-2", second.Slug);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var audited = await db.AuditEntries.Where(a => a.Action == AuditActions.ProjectCreated).Select(a => a.ProjectId).ToListAsync();
        Assert.Equal(new Guid?[] { first.Id, second.Id }.Order(), audited.Order());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task CreateAndRename_WithATakenNameInAnyCase_AreRefused(Provider provider)
    {
        await using var app = (await TestDatabases.AppOnAsync(provider)).Start();
        await app.CreateProjectAsync("Shop API");
        var other = await app.CreateProjectAsync("Billing");

        var created = await Assert.ThrowsAsync<ProjectNameException>(() => app.CreateProjectAsync(" shop api "));
        var renamed = await Assert.ThrowsAsync<ProjectNameException>(() => Projects(app, s => s.RenameAsync(other.Id, "SHOP API", AuditActor.System, CancellationToken.None)));
        var empty = await Assert.ThrowsAsync<ProjectNameException>(() => app.CreateProjectAsync("   "));

        Assert.Contains("already exists", created.Message, StringComparison.Ordinal);
        Assert.Contains("already exists", renamed.Message, StringComparison.Ordinal);
        Assert.Equal("A project needs a name.", empty.Message);
        Assert.Equal(2, (await Projects(app, s => s.ListAsync(CancellationToken.None))).Count);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task RenameAsync_KeepsTheSlug_AndAuditsTheOldName(Provider provider)
    {
        await using var app = (await TestDatabases.AppOnAsync(provider)).Start();
        var project = await app.CreateProjectAsync("Shop API");

        var renamed = await Projects(app, s => s.RenameAsync(project.Id, "Storefront API", AuditActor.System, CancellationToken.None));

        Assert.Equal("Storefront API", renamed.Name);
        Assert.Equal("shop-api", (await Projects(app, s => s.FindAsync(project.Id, CancellationToken.None)))!.Slug);
        var entry = Assert.Single(await app.AuditAsync(AuditActions.ProjectRenamed, "Storefront API"));
        Assert.Equal("from=Shop API", entry.Detail);
        Assert.Equal(project.Id, entry.ProjectId);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task SetArchivedAsync_HidesTheProjectFromTheList_KeepsItsName_AndRestores(Provider provider)
    {
        await using var app = (await TestDatabases.AppOnAsync(provider)).Start();
        var project = await app.CreateProjectAsync("Legacy API");

        Assert.True(await Projects(app, s => s.SetArchivedAsync(project.Id, true, AuditActor.System, CancellationToken.None)));
        Assert.False(await Projects(app, s => s.SetArchivedAsync(project.Id, true, AuditActor.System, CancellationToken.None)));

        Assert.Empty(await Projects(app, s => s.ListAsync(CancellationToken.None)));
        Assert.True(Assert.Single(await Projects(app, s => s.ListAsync(CancellationToken.None, includeArchived: true))).IsArchived);
        await Assert.ThrowsAsync<ProjectNameException>(() => app.CreateProjectAsync("Legacy API"));
        Assert.True(await Projects(app, s => s.SetArchivedAsync(project.Id, false, AuditActor.System, CancellationToken.None)));
        Assert.Single(await Projects(app, s => s.ListAsync(CancellationToken.None)));
        Assert.Single(await app.AuditAsync(AuditActions.ProjectArchived, "Legacy API"));
        Assert.Single(await app.AuditAsync(AuditActions.ProjectRestored, "Legacy API"));
    }

    private static Task<T> Projects<T>(SentinelApp app, Func<ProjectService, Task<T>> action) => app.WithServiceAsync(action);
}
