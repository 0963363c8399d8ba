using System.Net;
using System.Text.Json;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Trust;

/// <summary>First use from the command line: a project created with its origins, whose collector key then works from them only.</summary>
public sealed class TrustCliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"sentinel-cli-{Guid.NewGuid():N}");

    [Fact]
    public async Task ProjectsCreateWithOrigins_GivesKeysThatWorkFromThoseOrigins_AndSetOriginsChangesThem()
    {
        var (exitCode, output, error) = await SentinelCli.RunAsync(_data, "projects", "create", "Shop", "--origin", "https://Shop.example/", "--origin", "http://localhost:3000");
        Assert.True(exitCode == 0, error);
        var created = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["https://shop.example", "http://localhost:3000"], created.GetProperty("origins").EnumerateArray().Select(o => o.GetString()));
        var projectId = created.GetProperty("projectId").GetString()!;
        var publishable = created.GetProperty("keys").GetProperty("publishable").GetString()!;
        var secret = created.GetProperty("keys").GetProperty("secret").GetString()!;

        var bad = await SentinelCli.RunAsync(_data, "projects", "create", "Blog", "--origin", "shop.example");
        Assert.Equal(2, bad.ExitCode);
        var changed = await SentinelCli.RunAsync(_data, "projects", "set-origins", projectId, "https://new.example");
        Assert.True(changed.ExitCode == 0, changed.Error);

        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Sentinel:DataDirectory"] = _data }).Start();
        using var client = app.CreateClient();
        var session = TrustWire.NewSessionId();
        var fromNew = await TrustWire.PostSessionAsync(client, publishable, session, Input.Session(2, 30, false), origin: "https://new.example");
        var fromOld = await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body(TrustWire.NewSessionId(), Input.Session(2, 3, false)), origin: "https://shop.example"));

        Assert.Equal("ALLOW", fromNew[^1]);
        Assert.Equal(HttpStatusCode.Forbidden, fromOld.StatusCode);
        Assert.Equal("ALLOW", (await TrustWire.GetSessionAsync(client, secret, session)).GetProperty("action").GetString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
