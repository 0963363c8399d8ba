namespace Sentinel.Infrastructure.Analytics.Tinybird;

/// <summary>
/// A Tinybird <c>.pipe</c> file reduced to what Sentinel needs: its name and the SQL of its last node (the endpoint).
/// </summary>
public sealed record PipeFile(string Name, string Sql)
{
    public static PipeFile Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindLastIndex(lines, line => line.Trim() == "SQL >");
        if (start < 0)
        {
            throw new FormatException($"Pipe {name} has no 'SQL >' section.");
        }

        // The node's SQL is the indented block after "SQL >".
        var sql = lines.Skip(start + 1).TakeWhile(line => line.Length == 0 || char.IsWhiteSpace(line[0])).Select(line => line.Trim());
        return new PipeFile(name, string.Join('\n', sql).Trim());
    }
}
