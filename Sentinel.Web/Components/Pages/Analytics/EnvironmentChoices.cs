namespace Sentinel.Web.Components.Pages.Analytics;

/// <summary>
/// What the dashboard's environment filter offers: the environments seen in the data, the project's declared ones
/// (so a declared environment that has not sent anything yet can still be chosen) and the chosen one even when it has
/// no traffic. Names are compared as stored (case matters, as in the events) and sorted so the list does not jump
/// when the range changes.
/// </summary>
public static class EnvironmentChoices
{
    public static IReadOnlyList<string> Of(IEnumerable<string> seen, IEnumerable<string> declared, string? chosen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(declared);
        return seen.Concat(declared).Concat(chosen is null ? [] : [chosen])
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ThenBy(name => name, StringComparer.Ordinal)
            .ToList();
    }
}
