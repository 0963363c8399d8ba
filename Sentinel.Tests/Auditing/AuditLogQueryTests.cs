using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Auditing;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Tests.Persistence;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Auditing;

/// <summary>The audit log's page query (filters, sort, paging in SQL) gives the same answers on SQLite and PostgreSQL.</summary>
public sealed class AuditLogQueryTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task QueryAsync_FiltersSortsAndPages_InTheDatabase(Provider provider)
    {
        await using var app = (await TestDatabases.AppOnAsync(provider)).Start();
        var project = Guid.NewGuid();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await app.WithServiceAsync<SentinelDbContext, int>(db =>
        {
            for (var i = 0; i < 30; i++)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    Id = Guid.NewGuid(),
                    At = start.AddHours(i),
                    Actor = i % 3 == 0 ? "Alice@Example.com" : "bob@example.com",
                    Action = i % 2 == 0 ? AuditActions.ProjectRenamed : AuditActions.UserSignedIn,
                    Subject = $"subject-{i:D2}",
                    ProjectId = i < 10 ? project : null,
                });
            }

            return db.SaveChangesAsync();
        });

        var alice = await QueryAsync(app, new AuditQuery { Actor = "alice", From = start, To = start.AddDays(2) });
        var renamesInProject = await QueryAsync(app, new AuditQuery { Action = AuditActions.ProjectRenamed, ProjectId = project, From = start, To = start.AddDays(2) });
        var window = await QueryAsync(app, new AuditQuery { From = start.AddHours(5), To = start.AddHours(8), SortBy = nameof(AuditEntry.At), Descending = false });
        var secondPage = await QueryAsync(app, new AuditQuery { From = start, To = start.AddDays(2), SortBy = nameof(AuditEntry.Subject), Descending = false, Page = 1, PageSize = 7 });

        Assert.Equal(10, alice.Total);
        Assert.All(alice.Entries, e => Assert.Equal("Alice@Example.com", e.Actor));
        Assert.Equal(5, renamesInProject.Total);
        Assert.Equal(["subject-05", "subject-06", "subject-07"], window.Entries.Select(e => e.Subject));
        Assert.Equal(30, secondPage.Total);
        Assert.Equal(Enumerable.Range(7, 7).Select(i => $"subject-{i:D2}"), secondPage.Entries.Select(e => e.Subject));
    }

    private static Task<AuditPage> QueryAsync(SentinelApp app, AuditQuery query) =>
        app.WithServiceAsync<AuditLog, AuditPage>(log => log.QueryAsync(query, CancellationToken.None));
}
