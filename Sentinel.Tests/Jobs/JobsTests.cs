using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Jobs;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Jobs;

/// <summary>Hangfire runs the host's jobs: stable recurring ids, the dashboard for Admins only, a redrive through the real server.</summary>
public sealed class JobsTests : IClassFixture<EmbeddedAppFixture>
{
    private static readonly DateTime Start = DateTime.UtcNow.AddMinutes(-10);
    private readonly SentinelApp _app;

    public JobsTests(EmbeddedAppFixture app)
    {
        _app = app.Instance;
    }

    [Fact]
    public async Task RecurringJobs_AreRegisteredWithStableIds()
    {
        var storage = _app.Services.GetRequiredService<JobStorage>();
        List<string> ids = [];
        await Wait.UntilAsync(
            () =>
            {
                using var connection = storage.GetConnection();
                ids = connection.GetRecurringJobs().Select(j => j.Id).Order().ToList();
                return Task.FromResult(ids.Contains(DrainJob.RecurringId(0)) && ids.Contains(DeadLetterJob.RecurringId));
            },
            TimeSpan.FromSeconds(10),
            () => $"Recurring jobs: {string.Join(", ", ids)}");

        // Other features (trust) add theirs; these are the host's.
        Assert.Subset(ids.ToHashSet(), new HashSet<string> { RetentionJob.RecurringId, Infrastructure.Keys.KeyUsageFlushJob.RecurringId, DeadLetterJob.RecurringId, DrainJob.RecurringId(0) });
    }

    [Fact]
    public async Task TheJobsDashboard_IsForAdminsOnly()
    {
        using var anonymous = _app.CreateClient(new() { AllowAutoRedirect = false });
        var redirect = await anonymous.GetAsync(new Uri("/admin/jobs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/Account/Login", redirect.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        var email = $"support-{Guid.NewGuid():N}@sentinel.test";
        using var support = await _app.SignedInClientAsync(email, await _app.CreateUserAsync(email, Roles.Support));
        var denied = await support.GetAsync(new Uri("/admin/jobs/recurring", UriKind.Relative));
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden || denied.Headers.Location?.PathAndQuery.StartsWith("/Account/AccessDenied", StringComparison.Ordinal) == true, $"Support got {(int)denied.StatusCode}");

        using var admin = await _app.SignedInClientAsync();
        var page = await admin.GetAsync(new Uri("/admin/jobs/recurring", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Sentinel jobs", html, StringComparison.Ordinal);
        Assert.Contains(DrainJob.RecurringId(0), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeadLetter_TriggeredRedriveJob_PutsItBackAndTheDrainWritesIt()
    {
        var project = await _app.CreateProjectAsync($"Redrive {Guid.NewGuid():N}");
        var queue = _app.Services.GetRequiredService<IIngestQueue>();

        // A batch the store refused (as far as the queue knows): straight into the dead letters, raw bytes and all.
        var drain = _app.Services.GetRequiredService<DrainSlots>();
        await Wait.UntilAsync(() => Task.FromResult(drain.Running.Count > 0), TimeSpan.FromSeconds(10), () => "The drain is not running.");
        var batch = TestEvents.Generate(7, seed: 4242, Start);
        var queued = new QueuedBatch(project.Id, Sentinel.Domain.Analytics.Rows.ApiEventRows.From(TestEvents.AsStored(batch, project.Id)));
        var dead = new QueueEntry("manual", queued, 1, QueuedBatchCodec.Encode(queued));
        await queue.DeadLetterAsync(dead, "The analytics store refused it: test", CancellationToken.None);
        Assert.Contains(await queue.DeadLettersAsync(100, CancellationToken.None), d => d.Reason.EndsWith(": test", StringComparison.Ordinal));

        _app.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeadLetterJob.RecurringId);

        await _app.WaitForStoredAsync(project.Id, Start, 7);
        Assert.DoesNotContain(await queue.DeadLettersAsync(100, CancellationToken.None), d => d.Reason.EndsWith(": test", StringComparison.Ordinal));
    }
}
