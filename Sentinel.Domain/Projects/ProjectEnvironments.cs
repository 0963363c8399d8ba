namespace Sentinel.Domain.Projects;

/// <summary>
/// The rules of a project's declared environment names: the same names the ingestion endpoint accepts in an event's
/// <c>environment</c> (letters, digits, '-', '_' and '.', at most 64 characters), so a declared name can match data.
/// </summary>
public static class ProjectEnvironments
{
    public const int NameMaxLength = 64;
    public const int MaxCount = 20;

    /// <summary>What an event without an <c>environment</c> is stored under.</summary>
    public const string Default = "production";

    /// <summary>Stored length: <see cref="MaxCount"/> names and their separators.</summary>
    public const int StoredMaxLength = MaxCount * (NameMaxLength + 1);

    public static IReadOnlyList<string> Split(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] : stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The distinct names in their order, or the sentence that says which name is wrong and why. Names are separated
    /// by spaces, commas or new lines; case matters, as it does in the stored events.
    /// </summary>
    public static (IReadOnlyList<string> Names, string? Problem) Parse(string? text)
    {
        var names = new List<string>();
        foreach (var name in (text ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (name.Length > NameMaxLength)
            {
                return ([], $"'{name[..20]}…' is longer than {NameMaxLength} characters.");
            }

            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return ([], $"'{name}' may only contain letters, digits, '-', '_' and '.' (as an event's environment).");
            }

            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names.Count > MaxCount ? ([], $"At most {MaxCount} environments.") : (names, null);
    }
}
