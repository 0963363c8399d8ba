using Sentinel.Tests.Support;

namespace Sentinel.Tests.Team;

/// <summary><c>dotnet Sentinel.Web.dll admin reset-password EMAIL</c> as an operator runs it, on a real data folder.</summary>
public sealed class ResetPasswordCommandTests
{
    private const string Admin = "admin@sentinel.local";

    [Fact]
    public async Task ResetPassword_PrintsAOneTimePassword_ThatSignsInToChangeIt()
    {
        var data = Path.Combine(Path.GetTempPath(), $"sentinel-cli-{Guid.NewGuid():N}");
        try
        {
            var (exit, output, error) = await SentinelCli.RunAsync(data, "admin", "reset-password", Admin);
            Assert.True(exit == 0, error);
            var password = output.Split($"{Admin}: ")[1].Split('\n')[0].Trim();

            await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?>
            {
                ["Sentinel:DataDirectory"] = data,
                ["Bootstrap:AdminEmail"] = Admin,
            }).Start();
            using var client = app.CreateClient(new() { AllowAutoRedirect = false });
            var signIn = await SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = Admin, ["Input.Password"] = password });
            Assert.EndsWith("Account/Manage/ChangePassword", signIn.Headers.Location?.OriginalString, StringComparison.Ordinal);

            var (unknownExit, _, unknownError) = await SentinelCli.RunAsync(data, "admin", "reset-password", "nobody@sentinel.local");
            Assert.Equal(1, unknownExit);
            Assert.Contains("No account with the email nobody@sentinel.local", unknownError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
