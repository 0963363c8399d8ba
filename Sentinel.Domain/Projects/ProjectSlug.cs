using System.Globalization;
using System.Text;

namespace Sentinel.Domain.Projects;

/// <summary>Derives the URL slug of a project from its display name.</summary>
public static class ProjectSlug
{
    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var lastWasDash = true;
        // Decompose accents ("ü" -> "u" + mark) so that the letters survive and only the marks are dropped.
        foreach (var c in name.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
                lastWasDash = false;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            else if (!lastWasDash)
            {
                builder.Append('-');
                lastWasDash = true;
            }
        }

        var slug = builder.ToString().TrimEnd('-');
        if (slug.Length > Project.SlugMaxLength)
        {
            slug = slug[..Project.SlugMaxLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "project" : slug;
    }
}
