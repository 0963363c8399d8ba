using System.Text.RegularExpressions;

namespace Sentinel.Infrastructure.Analytics.Tinybird;

/// <summary>
/// A Tinybird <c>.datasource</c> file: its columns, engine and keys. The self-hosted ClickHouse store creates its
/// table from it, so Tinybird and ClickHouse always hold the same schema.
/// </summary>
public sealed partial record DatasourceFile(string Name, IReadOnlyList<(string Column, string Type)> Columns, string Engine, string PartitionKey, string SortingKey)
{
    public static DatasourceFile Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var columns = SchemaLine().Matches(text).Select(m => (m.Groups["column"].Value, m.Groups["type"].Value.Trim())).ToList();
        if (columns.Count == 0)
        {
            throw new FormatException($"Data source {name} has no SCHEMA columns.");
        }

        return new DatasourceFile(name, columns, Setting(text, "ENGINE"), Setting(text, "ENGINE_PARTITION_KEY"), Setting(text, "ENGINE_SORTING_KEY"));
    }

    /// <summary>DDL valid on ClickHouse 18.16 and current versions.</summary>
    public string CreateTableSql(string table) =>
        $"CREATE TABLE IF NOT EXISTS {table} ({string.Join(", ", Columns.Select(c => $"{c.Column} {c.Type}"))}) "
        + $"ENGINE = {Engine}() PARTITION BY {PartitionKey} ORDER BY ({SortingKey})";

    private static string Setting(string text, string key)
    {
        var match = Regex.Match(text, $"^{key} \"(?<value>[^\"]*)\"", RegexOptions.Multiline);
        return match.Success ? match.Groups["value"].Value : throw new FormatException($"Data source has no {key}.");
    }

    [GeneratedRegex(@"^\s+`(?<column>\w+)`\s+(?<type>.+?)\s+`json:[^`]*`,?\s*$", RegexOptions.Multiline)]
    private static partial Regex SchemaLine();
}
