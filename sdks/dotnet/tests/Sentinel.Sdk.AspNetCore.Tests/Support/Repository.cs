namespace Sentinel.Sdk.AspNetCore.Tests.Support;

/// <summary>Paths in the repository the tests run from (the folder that holds Sentinel.sln).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string NodeSdk => Path.Combine(Root, "sdks", "node");

    public static string DotnetSdk => Path.Combine(Root, "sdks", "dotnet");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sentinel.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Sentinel.sln above {AppContext.BaseDirectory}.");
    }
}
