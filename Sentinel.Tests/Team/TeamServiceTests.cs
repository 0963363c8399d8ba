using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Team;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Team;

/// <summary>What admins do to members, on the embedded host: each change audited, the last admin protected.</summary>
public sealed class TeamServiceTests : IClassFixture<EmbeddedAppFixture>
{
    private readonly SentinelApp _app;

    public TeamServiceTests(EmbeddedAppFixture app)
    {
        _app = app.Instance;
    }

    [Fact]
    public async Task TheLastAdmin_CanBeNeitherDemotedNorRemoved()
    {
        // Its own host: the other tests here add admins.
        await using var app = SentinelApp.Embedded().Start();
        var admins = await app.WithServiceAsync<TeamService, List<TeamMember>>(t => t.ListAsync(CancellationToken.None));
        var onlyAdmin = Assert.Single(admins, m => m.Role == Roles.Admin);

        var demoted = await app.WithServiceAsync<TeamService, IdentityResult>(t => t.ChangeRoleAsync(onlyAdmin.Id, Roles.Support, AuditActor.System));
        var removed = await app.WithServiceAsync<TeamService, IdentityResult>(t => t.RemoveAsync(onlyAdmin.Id, AuditActor.System));

        Assert.Equal("LastAdmin", Assert.Single(demoted.Errors).Code);
        Assert.Equal("LastAdmin", Assert.Single(removed.Errors).Code);
    }

    [Fact]
    public async Task ChangeRole_RenewsTheSecurityStamp_AndIsAudited_ButNotForOneself()
    {
        var email = $"member-{Guid.NewGuid():N}@sentinel.test";
        await _app.CreateUserAsync(email, Roles.Support);
        var member = await MemberAsync(email);
        var stampBefore = await StampAsync(email);

        var own = await Team(t => t.ChangeRoleAsync(member.Id, Roles.Admin, new AuditActor(member.Id, email)));
        var promoted = await Team(t => t.ChangeRoleAsync(member.Id, Roles.Admin, AuditActor.System));

        Assert.Equal("OwnRole", Assert.Single(own.Errors).Code);
        Assert.True(promoted.Succeeded);
        Assert.Equal([Roles.Admin], (await MemberAsync(email)).Roles);
        Assert.NotEqual(stampBefore, await StampAsync(email));
        Assert.Equal($"from={Roles.Support} to={Roles.Admin}", Assert.Single(await _app.AuditAsync(AuditActions.UserRoleChanged, email)).Detail);
    }

    [Fact]
    public async Task ResetPassword_GivesAWorkingOneTimePassword_ThatMustBeChanged_AndUnlocks()
    {
        var email = $"reset-{Guid.NewGuid():N}@sentinel.test";
        var old = await _app.CreateUserAsync(email, Roles.Support);
        await _app.WithServiceAsync<UserManager<SentinelUser>, IdentityResult>(async users =>
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.UtcNow.AddMinutes(15)));
        Assert.True((await MemberAsync(email)).LockedOut);

        var (result, password) = await Team(async t => await t.ResetPasswordAsync((await MemberAsync(email)).Id, AuditActor.System));

        Assert.True(result.Succeeded);
        var member = await MemberAsync(email);
        Assert.False(member.LockedOut);
        Assert.True(member.MustChangePassword);
        Assert.True(await PasswordWorksAsync(email, password!));
        Assert.False(await PasswordWorksAsync(email, old));
        Assert.Single(await _app.AuditAsync(AuditActions.UserPasswordReset, email));
    }

    [Fact]
    public async Task Unlock_EndsTheLockout_AndRemove_DeletesTheMember_BothAudited()
    {
        var email = $"locked-{Guid.NewGuid():N}@sentinel.test";
        await _app.CreateUserAsync(email, Roles.Support);
        await _app.WithServiceAsync<UserManager<SentinelUser>, IdentityResult>(async users =>
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.UtcNow.AddMinutes(15)));
        var id = (await MemberAsync(email)).Id;

        Assert.True((await Team(t => t.UnlockAsync(id, AuditActor.System))).Succeeded);
        Assert.False((await MemberAsync(email)).LockedOut);
        Assert.True((await Team(t => t.RemoveAsync(id, AuditActor.System))).Succeeded);

        Assert.DoesNotContain(await Team(t => t.ListAsync(CancellationToken.None)), m => m.Email == email);
        Assert.Single(await _app.AuditAsync(AuditActions.UserUnlocked, email));
        Assert.Single(await _app.AuditAsync(AuditActions.UserRemoved, email));
    }

    private Task<T> Team<T>(Func<TeamService, Task<T>> action) => _app.WithServiceAsync(action);

    private async Task<TeamMember> MemberAsync(string email) =>
        (await Team(t => t.ListAsync(CancellationToken.None))).Single(m => m.Email == email);

    private Task<string?> StampAsync(string email) =>
        _app.WithServiceAsync<UserManager<SentinelUser>, string?>(async users => (await users.FindByEmailAsync(email))!.SecurityStamp);

    private Task<bool> PasswordWorksAsync(string email, string password) =>
        _app.WithServiceAsync<UserManager<SentinelUser>, bool>(async users => await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password));
}
