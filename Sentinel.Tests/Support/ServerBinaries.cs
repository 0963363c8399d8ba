namespace Sentinel.Tests.Support;

/// <summary>
/// Finds the Debian-packaged server binaries the integration tests run. A missing binary fails the test with a
/// message that says how to install it; it never lets the test pass silently.
/// </summary>
internal static class ServerBinaries
{
    public const string InstallHint = "Run ./scripts/test.sh, which installs redis-server, postgresql, clickhouse-server and chromium with apt-get.";

    public static string Require(string name, params string[] candidates)
    {
        foreach (var candidate in candidates.Append(name))
        {
            if (Path.IsPathRooted(candidate) && File.Exists(candidate))
            {
                return candidate;
            }

            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, candidate))
                .FirstOrDefault(File.Exists);
            if (onPath is not null)
            {
                return onPath;
            }
        }

        throw new InvalidOperationException($"The integration tests need '{name}', which is not installed. {InstallHint}");
    }

    public static string RequirePostgres(string tool)
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(dir => Path.Combine(dir, "bin", tool)).ToArray()
            : [];
        return Require(tool, versions);
    }
}
