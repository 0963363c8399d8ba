using System.Text.RegularExpressions;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Hosting;

public sealed partial class FirstStartTests
{
    [Fact]
    public async Task FirstStart_WithoutAConfiguredPassword_GeneratesOne_PrintsItOnce_AndItSignsInToChangeIt()
    {
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = null }).Start();

        var announcements = app.Logs.Messages.Select(m => GeneratedPassword().Match(m)).Where(m => m.Success).ToList();

        var announcement = Assert.Single(announcements);
        Assert.Equal(SentinelApp.AdminEmail, announcement.Groups["email"].Value);
        using var client = await app.SignedInClientAsync(SentinelApp.AdminEmail, announcement.Groups["password"].Value);
        // The generated password went through the log: the portal asks for a new one before anything else.
        var home = await client.GetAsync("/");
        Assert.EndsWith("Account/Manage/ChangePassword", home.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("one-time password", await client.GetStringAsync("/Account/Manage/ChangePassword"), StringComparison.Ordinal);
    }

    [GeneratedRegex("Created the first admin (?<email>\\S+) with the generated password (?<password>\\S+) ")]
    private static partial Regex GeneratedPassword();
}
