using System.Net;
using System.Text.Json;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Cli;

/// <summary>
/// The one-off commands a new user (and the SDK tests) run on a fresh machine: create a project, create and revoke
/// keys. Each runs in its own process on a temp SQLite data folder; standard output must be only the JSON.
/// </summary>
public sealed class CliCommandsTests : IDisposable
{
    private static readonly DateTime Start = DateTime.UtcNow.AddMinutes(-20);
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"sentinel-cli-{Guid.NewGuid():N}");

    [Fact]
    public async Task ProjectsCreate_OnAFreshFolder_PrintsOnlyJson_WhoseIngestKeyIsAccepted()
    {
        var (exitCode, output, error) = await SentinelCli.RunAsync(_data, "projects", "create", "Shop API");

        Assert.True(exitCode == 0, error);
        var created = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Shop API", created.GetProperty("name").GetString());
        var projectId = created.GetProperty("projectId").GetGuid();
        var keys = created.GetProperty("keys");
        Assert.StartsWith("snt_ing_", keys.GetProperty("ingest").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("snt_pub_", keys.GetProperty("publishable").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("snt_sec_", keys.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Contains("Applying", error, StringComparison.Ordinal);

        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Sentinel:DataDirectory"] = _data }).Start();
        using var client = app.CreateClient();
        var response = await TestEvents.PostAsync(client, keys.GetProperty("ingest").GetString()!, TestEvents.Generate(3, seed: 16, Start));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await app.WaitForStoredAsync(projectId, Start, 3)).Totals.Requests);
    }

    [Fact]
    public async Task KeysCreate_ThenRevokeByPrefix_StopsThatKey_AndBadArgumentsExit2WithUsage()
    {
        var project = JsonDocument.Parse((await SentinelCli.RunAsync(_data, "projects", "create", "Shop")).Output).RootElement;
        var projectId = project.GetProperty("projectId").GetString()!;

        var (exitCode, output, error) = await SentinelCli.RunAsync(_data, "keys", "create", "--project", projectId, "--kind", "ingest");
        Assert.True(exitCode == 0, error);
        var key = JsonDocument.Parse(output).RootElement;
        var token = key.GetProperty("token").GetString()!;
        Assert.StartsWith(key.GetProperty("prefix").GetString()!, token, StringComparison.Ordinal);

        var revoked = await SentinelCli.RunAsync(_data, "keys", "revoke", key.GetProperty("prefix").GetString()!, "--project", projectId);
        Assert.True(revoked.ExitCode == 0, revoked.Error);
        Assert.True(JsonDocument.Parse(revoked.Output).RootElement.GetProperty("revoked").GetBoolean());
        var unknown = await SentinelCli.RunAsync(_data, "keys", "revoke", "snt_ing_nosuchkey", "--project", projectId);
        Assert.Equal(1, unknown.ExitCode);
        var badKind = await SentinelCli.RunAsync(_data, "keys", "create", "--project", projectId, "--kind", "admin");
        Assert.Equal(2, badKind.ExitCode);
        Assert.Contains("usage: keys create", badKind.Error, StringComparison.Ordinal);
        Assert.Equal("", badKind.Output);

        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Sentinel:DataDirectory"] = _data }).Start();
        using var client = app.CreateClient();
        var stillWorks = await TestEvents.PostAsync(client, project.GetProperty("keys").GetProperty("ingest").GetString()!, TestEvents.Generate(1, seed: 17, Start));
        var stopped = await TestEvents.PostAsync(client, token, TestEvents.Generate(1, seed: 18, Start));
        Assert.Equal(HttpStatusCode.Accepted, stillWorks.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stopped.StatusCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
