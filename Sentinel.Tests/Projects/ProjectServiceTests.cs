using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Auditing;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Tests.Persistence;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Projects;

/// <summary>The same repository behaviour on SQLite (embedded) and PostgreSQL (production).</summary>
public sealed class ProjectServiceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task CreateAsync_WithTheSameNameTwice_GivesUniqueSlugs_AndAuditsBoth(Provider provider)
    {
        await using var app = (await TestDatabases.AppOnAsync(provider)).Start();

        var first = await app.CreateProjectAsync("Shop API");
        var second = await app.CreateProjectAsync("Shop API");

        Assert.Equal("shop-api", first.Slug);
        Assert.Equal("shop-api-2", second.Slug);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var audited = await db.AuditEntries.Where(a => a.Action == AuditActions.ProjectCreated).Select(a => a.ProjectId).ToListAsync();
        Assert.Equal(new Guid?[] { first.Id, second.Id }.Order(), audited.Order());
    }
}
