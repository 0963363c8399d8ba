namespace Sentinel.Domain.Trust.Wire;

/// <summary>The shape rules of the trust wire contract (docs: README "Trust API").</summary>
public static class TrustWireLimits
{
    public const int SessionIdMinLength = 8;
    public const int SessionIdMaxLength = 128;
    public const int UserIdMaxLength = 256;
    public const int FieldMaxLength = 32;

    /// <summary>Beyond float range a coordinate cannot be stored; absurd but finite ones are evidence (InputIntegrity).</summary>
    public const double MaxMagnitude = 3.0e38;

    /// <summary>performance.now() of a page open for a year.</summary>
    public const double MaxTimestampMs = 366.0 * 24 * 3600 * 1000;

    public static bool IsSessionId(string? value)
    {
        if (value is null || value.Length is < SessionIdMinLength or > SessionIdMaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A field marker: 1..32 of [a-z0-9_-], e.g. <c>password</c>, <c>login</c>.</summary>
    public static bool IsFieldMarker(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > FieldMaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
