using System.Net;
using Sentinel.Domain.Keys;
using Sentinel.Sdk.AspNetCore.Tests.Support;
using Sentinel.Tests.Support;

namespace Sentinel.Sdk.AspNetCore.Tests;

/// <summary>
/// <c>dotnet pack</c> makes a package that installs into an app outside this repository (its own folder, only the packed
/// artefact as a source) and reports that app's requests to Sentinel, flushing on SIGTERM.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"sentinel-sdk-pack-{Guid.NewGuid():N}");

    [Fact]
    public async Task ThePackedPackage_InstalledInAFreshApp_ReportsItsRequests_AndFlushesOnSigterm()
    {
        var around = DateTime.UtcNow;
        var feed = Path.Combine(_work, "feed");
        var app = Path.Combine(_work, "app");
        Directory.CreateDirectory(app);
        // A version of its own per run, so that no NuGet cache can hand back an older build.
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}";
        await ChildProcess.RunAsync("dotnet", Repository.DotnetSdk, "pack", "src/Sentinel.Sdk.AspNetCore", "-c", "Release", "-o", feed, $"-p:Version={version}");
        File.Copy(Path.Combine(Repository.DotnetSdk, "samples", "HelloApi", "Program.cs"), Path.Combine(app, "Program.cs"));
        await File.WriteAllTextAsync(Path.Combine(app, "HelloApi.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Sentinel.Sdk.AspNetCore" Version="{version}" /></ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <configuration><packageSources><clear /><add key="packed" value="{feed}" /></packageSources></configuration>
            """);
        await ChildProcess.RunAsync("dotnet", app, "build", "-c", "Release", $"-p:RestorePackagesPath={Path.Combine(_work, "packages")}");

        await using var sentinel = SentinelApp.Embedded(kestrel: true).Start();
        var project = await sentinel.CreateProjectAsync("Shop");
        var key = await sentinel.CreateKeyAsync(project.Id, ApiKeyKind.Ingest);
        await using var hello = ChildProcess.Start("dotnet", app, new Dictionary<string, string>
        {
            ["Sentinel__Key"] = key,
            ["Sentinel__Endpoint"] = sentinel.ServerAddress.ToString(),
            ["Sentinel__FlushInterval"] = "00:01:00",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, Path.Combine(app, "bin", "Release", "net10.0", "HelloApi.dll"));
        using var client = new HttpClient { BaseAddress = await hello.ListeningAsync() };

        Assert.Equal("hello world", await client.GetStringAsync("/hello"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/orders/7")).StatusCode);
        await hello.StopAsync(TimeSpan.FromSeconds(30));

        // The flush interval is a minute: only the flush at shutdown can have sent these two.
        var stored = await sentinel.WaitForStoredAsync(project.Id, around, 2);
        Assert.Equal(2, stored.Totals.Requests);
        Assert.Contains(stored.Routes, r => r.Route == "/orders/{id:int}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
