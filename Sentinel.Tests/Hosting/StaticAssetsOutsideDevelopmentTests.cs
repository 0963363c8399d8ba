using System.Net;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Hosting;

/// <summary>
/// The portal's scripts and styles (blazor.web.js, MudBlazor) come from NuGet packages. Outside Development they
/// must still be served with their content, both by the build output (<c>dotnet Sentinel.Web/bin/.../Sentinel.Web.dll</c>)
/// and by a publish output, each started as its own process in Production.
/// </summary>
public sealed class StaticAssetsOutsideDevelopmentTests
{
    [Fact]
    public async Task BuildOutput_InProduction_ServesBlazorAndMudBlazorFiles()
    {
        // Started from an unrelated folder: the build output finds the packages' files through its manifest.
        await AssertServesPortalAssetsAsync(Path.Combine(WebProjectDirectory, "bin", Configuration, "net10.0"), contentRoot: null);
    }

    [Fact]
    public async Task PublishOutput_InProduction_ServesBlazorAndMudBlazorFiles()
    {
        var output = NewDirectory("sentinel-publish");
        try
        {
            await ServerProcess.RunAsync("dotnet", ["publish", Path.Combine(WebProjectDirectory, "Sentinel.Web.csproj"), "-c", Configuration, "--no-build", "--no-restore", "-o", output]);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "wwwroot", "_framework"), "blazor.web*.js"));
            // Started in its own folder, as the image does (WORKDIR /app): the files were copied to its wwwroot.
            await AssertServesPortalAssetsAsync(output, contentRoot: output);
        }
        finally
        {
            TestRun.DeleteDirectory(output);
        }
    }

    private static async Task AssertServesPortalAssetsAsync(string hostDirectory, string? contentRoot)
    {
        var workingDirectory = NewDirectory("sentinel-static");
        var port = FreePort.Next();
        using var host = ServerProcess.Start("dotnet", [
            Path.Combine(hostDirectory, "Sentinel.Web.dll"),
            "--environment", "Production",
            "--urls", $"http://127.0.0.1:{port}",
            "--contentRoot", contentRoot ?? workingDirectory,
            "--Sentinel:Mode=Embedded",
            $"--Sentinel:DataDirectory={Path.Combine(workingDirectory, "data")}",
            $"--Bootstrap:AdminPassword={SentinelApp.AdminPassword}",
        ]);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Wait.UntilAsync(
                async () => (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode,
                TimeSpan.FromSeconds(60),
                () => $"The host in {hostDirectory} did not start:\n{host.Output}");

            var script = await client.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative));
            var styles = await client.GetAsync(new Uri("/_content/MudBlazor/MudBlazor.min.css", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 10_000, "blazor.web.js came back empty");
            Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
            Assert.Contains(".mud-", await styles.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            host.Kill();
            TestRun.DeleteDirectory(workingDirectory);
        }
    }

    /// <summary>Debug or Release, as this test assembly was built (the web project's output of the same build).</summary>
    private static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    private static string WebProjectDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sentinel.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Sentinel.sln not found above " + AppContext.BaseDirectory), "Sentinel.Web");
        }
    }

    private static string NewDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        TestRun.RecordDirectory(path);
        return path;
    }
}
