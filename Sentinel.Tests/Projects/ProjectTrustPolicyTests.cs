using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Projects;
using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Persistence;
using Sentinel.Tests.Support;
using Sentinel.Tests.Trust;

namespace Sentinel.Tests.Projects;

/// <summary>A project's own trust policy, retention and environments: stored on both providers, audited, and used by scoring.</summary>
public sealed class ProjectTrustPolicyTests
{
    private static readonly AuditActor Admin = new("admin-id", "admin@sentinel.test");

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task SetPolicyAsync_StoresTheThresholds_ReadsThemBack_AndResetReturnsToTheDefault(Provider provider)
    {
        await using var app = (await TestDatabases.AppOnAsync(provider)).Start();
        var project = await app.CreateProjectAsync("Shop API");
        var other = await app.CreateProjectAsync("Billing");
        var settings = app.Services.GetRequiredService<TrustSettingsService>();
        var chosen = TrustPolicy.Default with { AllowAtOrAbove = 0.8, BlockBelow = 0.05, MinimumObservations = 40, WithTooLittleEvidence = TrustAction.Allow };
        Assert.Same(TrustPolicy.Default, (await settings.GetAsync(project.Id, CancellationToken.None)).Policy); // cached before the change

        await settings.SetPolicyAsync(project.Id, chosen, Admin, CancellationToken.None);

        Assert.Equal(chosen, (await settings.GetAsync(project.Id, CancellationToken.None)).Policy);
        Assert.Equal(TrustPolicy.Default, (await settings.GetAsync(other.Id, CancellationToken.None)).Policy);
        var stored = await app.WithServiceAsync<SentinelDbContext, TrustProjectSettings>(db => db.Set<TrustProjectSettings>().AsNoTracking().SingleAsync(s => s.ProjectId == project.Id));
        Assert.Equal((0.8, 0.05, 40, TrustAction.Allow), (stored.AllowAtOrAbove, stored.BlockBelow, stored.MinimumObservations, stored.WithTooLittleEvidence));

        await settings.SetPolicyAsync(project.Id, null, Admin, CancellationToken.None);

        Assert.Equal(TrustPolicy.Default, (await settings.GetAsync(project.Id, CancellationToken.None)).Policy);
        var audited = await app.AuditAsync(AuditActions.TrustPolicyChanged, "Shop API");
        Assert.Equal(2, audited.Count);
        Assert.All(audited, a => Assert.Equal("admin@sentinel.test", a.Actor));
        Assert.Contains("to=[allow>=0.8 block<0.05 min_observations=40 too_little=Allow]", audited[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetPolicyAsync_WithUnusableThresholds_NamesEachField_AndStoresNothing()
    {
        await using var app = SentinelApp.Embedded().Start();
        var project = await app.CreateProjectAsync("Shop API");
        var settings = app.Services.GetRequiredService<TrustSettingsService>();
        var bad = TrustPolicy.Default with { AllowAtOrAbove = 1.5, BlockBelow = -0.1, MinimumObservations = -1, WithTooLittleEvidence = TrustAction.Block };

        var refused = await Assert.ThrowsAsync<TrustPolicyException>(() => settings.SetPolicyAsync(project.Id, bad, Admin, CancellationToken.None));

        Assert.Equal(
            [nameof(TrustPolicy.BlockBelow), nameof(TrustPolicy.AllowAtOrAbove), nameof(TrustPolicy.MinimumObservations), nameof(TrustPolicy.WithTooLittleEvidence)],
            refused.Problems.Select(p => p.Field));
        var crossed = Assert.Single((TrustPolicy.Default with { BlockBelow = 0.8 }).Problems());
        Assert.Equal((nameof(TrustPolicy.BlockBelow), "BlockBelow must not be above AllowAtOrAbove."), (crossed.Field, crossed.Message));
        Assert.Equal(TrustPolicy.Default, (await settings.GetAsync(project.Id, CancellationToken.None)).Policy);
        Assert.Empty(await app.AuditAsync(AuditActions.TrustPolicyChanged, "Shop API"));
    }

    [Fact]
    public async Task Scoring_UsesTheProjectsOwnPolicy()
    {
        await using var app = SentinelApp.Embedded().Start();
        var client = app.CreateClient();
        var (defaultProject, defaultKey, _) = await TrustWire.ProjectAsync(app, "Default");
        var (strictProject, strictKey, _) = await TrustWire.ProjectAsync(app, "Strict");
        // Nobody scores 1, so this project never allows; soft evidence still never blocks.
        await app.Services.GetRequiredService<TrustSettingsService>().SetPolicyAsync(strictProject, TrustPolicy.Default with { AllowAtOrAbove = 1.0 }, Admin, CancellationToken.None);
        var person = Input.Session(seed: 2, moves: 30, bot: false);

        var underDefault = await TrustWire.PostSessionAsync(client, defaultKey, TrustWire.NewSessionId(), person);
        var underStrict = await TrustWire.PostSessionAsync(client, strictKey, TrustWire.NewSessionId(), person);

        Assert.Equal("ALLOW", underDefault[^1]);
        Assert.Equal("CHALLENGE", underStrict[^1]);
        Assert.NotEqual(defaultProject, strictProject);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task RetentionEnvironmentsAndOrigins_AreValidated_Stored_AndAudited(Provider provider)
    {
        await using var app = (await TestDatabases.AppOnAsync(provider)).Start();
        var project = await app.CreateProjectAsync("Shop API");

        await Projects(app, s => s.SetRetentionAsync(project.Id, 90, Admin, CancellationToken.None));
        var environments = await app.WithServiceAsync<ProjectService, IReadOnlyList<string>>(s => s.SetEnvironmentsAsync(project.Id, "production, staging\nqa-1 staging", Admin, CancellationToken.None));
        var badName = await Assert.ThrowsAsync<ArgumentException>(() => app.WithServiceAsync<ProjectService, IReadOnlyList<string>>(s => s.SetEnvironmentsAsync(project.Id, "prod/eu", Admin, CancellationToken.None)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Projects(app, s => s.SetRetentionAsync(project.Id, 0, Admin, CancellationToken.None)));

        Assert.Equal(["production", "staging", "qa-1"], environments);
        Assert.Contains("'prod/eu' may only contain letters, digits", badName.Message, StringComparison.Ordinal);
        var stored = await app.WithServiceAsync<ProjectService, Sentinel.Domain.Projects.Project?>(s => s.FindBySlugAsync(project.Slug, CancellationToken.None));
        Assert.Equal(90, stored!.RetentionDays);
        Assert.Equal(["production", "staging", "qa-1"], stored.EnvironmentNames);
        Assert.Single(await app.AuditAsync(AuditActions.ProjectRetentionChanged, "Shop API"));
        Assert.Single(await app.AuditAsync(AuditActions.ProjectEnvironmentsChanged, "Shop API"));

        var origins = await app.Services.GetRequiredService<TrustSettingsService>().SetOriginsAsync(project.Id, ["https://Shop.example/", "http://localhost:3000"], Admin, CancellationToken.None);
        Assert.Equal(["https://shop.example", "http://localhost:3000"], origins);
        Assert.Equal("https://shop.example http://localhost:3000", Assert.Single(await app.AuditAsync(AuditActions.TrustOriginsSet, "Shop API")).Detail);
    }

    private static Task<bool> Projects(SentinelApp app, Func<ProjectService, Task> action) =>
        app.WithServiceAsync<ProjectService, bool>(async s =>
        {
            await action(s);
            return true;
        });
}
