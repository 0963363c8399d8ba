using System.Text.Json;

namespace Sentinel.Web.Cli;

/// <summary>How commands print their result: one JSON document on standard output, camelCase, for scripts and SDK tests.</summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync<T>(TextWriter output, T value) => output.WriteLineAsync(JsonSerializer.Serialize(value, Options));

    /// <summary>The value of <c>--name</c>; a usage error when it is missing or given twice.</summary>
    public static string Required(string[] args, string name)
    {
        var values = CommandLine.Values(args, name);
        return values.Count == 1 ? values[0] : throw new CliUsageException($"{name} is required once.");
    }

    public static Guid ProjectId(string[] args) =>
        Guid.TryParse(Required(args, "--project"), out var id) ? id : throw new CliUsageException("--project must be a project id (a GUID).");
}
