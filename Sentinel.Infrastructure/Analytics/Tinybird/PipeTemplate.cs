using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sentinel.Infrastructure.Analytics.Tinybird;

/// <summary>
/// Renders the subset of Tinybird's pipe template language the Sentinel pipes use, so that the self-hosted ClickHouse
/// store runs the very SQL that Tinybird runs: a leading <c>%</c> line, <c>{{String(name)}}</c>, <c>{{Int32(name, default)}}</c>,
/// <c>{{Int64(name, required=True)}}</c>, <c>{{Array(name, 'String', required=True)}}</c> and <c>{% if defined(name) %} ... {% end %}</c>. Values are rendered as
/// literals: strings quoted and escaped, integers parsed. Anything else is refused rather than guessed (ADR 011).
/// </summary>
public static partial class PipeTemplate
{
    public static string Render(string sql, IReadOnlyDictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        var lines = sql.Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "%")
        {
            return sql;
        }

        var body = string.Join('\n', lines.Skip(1));
        body = Conditional().Replace(body, match => IsDefined(parameters, match.Groups["name"].Value) ? match.Groups["body"].Value : "");
        if (body.Contains("{%", StringComparison.Ordinal))
        {
            throw new FormatException("Unsupported template statement: " + body[body.IndexOf("{%", StringComparison.Ordinal)..].Split('\n')[0]);
        }

        return Expression().Replace(body, match => RenderValue(match, parameters));
    }

    private static bool IsDefined(IReadOnlyDictionary<string, string?> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value);

    private static string RenderValue(Match match, IReadOnlyDictionary<string, string?> parameters)
    {
        var type = match.Groups["type"].Value;
        var name = match.Groups["name"].Value;
        var arguments = match.Groups["args"].Success ? match.Groups["args"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
        if (type == "Array")
        {
            return RenderArray(name, arguments, parameters);
        }

        var required = arguments.Contains("required=True", StringComparer.Ordinal);
        var fallback = arguments.FirstOrDefault(a => !a.Contains('=', StringComparison.Ordinal));
        var value = IsDefined(parameters, name) ? parameters[name] : fallback?.Trim('\'', '"');
        if (value is null)
        {
            throw new ArgumentException(required ? $"Parameter '{name}' is required." : $"Parameter '{name}' has no value and no default.", nameof(parameters));
        }

        return type switch
        {
            "String" => Quote(value),
            "Int32" => int.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            "Int64" => long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            _ => throw new FormatException($"Unsupported template type {type}."),
        };
    }

    /// <summary>
    /// <c>{{Array(name, 'String', required=True)}}</c>: the comma-separated value as an array literal of its element
    /// type (String, Int32 or Int64), as Tinybird renders it. Without a value it is required: no defaults for arrays.
    /// </summary>
    private static string RenderArray(string name, string[] arguments, IReadOnlyDictionary<string, string?> parameters)
    {
        var element = arguments.FirstOrDefault()?.Trim('\'', '"') ?? throw new FormatException($"Array({name}) needs an element type.");
        if (!IsDefined(parameters, name))
        {
            throw new ArgumentException($"Parameter '{name}' is required.", nameof(parameters));
        }

        var items = parameters[name]!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(item => element switch
        {
            "String" => Quote(item),
            "Int32" => int.Parse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            "Int64" => long.Parse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            _ => throw new FormatException($"Unsupported array element type {element}."),
        });
        return "[" + string.Join(", ", items) + "]";
    }

    /// <summary>A ClickHouse string literal: backslash and quote escaped.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\'' => text.Append(@"\'"),
                '\n' => text.Append(@"\n"),
                '\r' => text.Append(@"\r"),
                '\0' => text.Append(@"\0"),
                _ => text.Append(c),
            };
        }

        return text.Append('\'').ToString();
    }

    [GeneratedRegex(@"\{%\s*if\s+defined\((?<name>\w+)\)\s*%\}(?<body>.*?)\{%\s*end\s*%\}", RegexOptions.Singleline)]
    private static partial Regex Conditional();

    [GeneratedRegex(@"\{\{\s*(?<type>\w+)\(\s*(?<name>\w+)\s*(,(?<args>[^)]*))?\)\s*\}\}")]
    private static partial Regex Expression();
}
