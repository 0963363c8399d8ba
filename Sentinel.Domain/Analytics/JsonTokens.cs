using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Sentinel.Domain.Analytics;

/// <summary>
/// Checks on the current token of a <see cref="Utf8JsonReader"/> that work on its UTF-8 bytes, so that a valid value
/// costs no string; a value that fails is reported through <see cref="EventFaults"/>.
/// </summary>
internal static class JsonTokens
{
    /// <summary>The value as unescaped UTF-8 when it is a string of valid UTF-8 within <paramref name="maxLength"/> characters.</summary>
    public static bool TryText(ref Utf8JsonReader json, ref EventFaults faults, string name, int maxLength, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (json.TokenType != JsonTokenType.String)
        {
            faults.Fail(name, "must be a string.");
            return false;
        }

        text = Unescaped(ref json);
        if (!Utf8.IsValid(text))
        {
            faults.Fail(name, "must be valid UTF-8.");
            return false;
        }

        if (!FitsText(text, maxLength))
        {
            faults.Fail(name, $"must be at most {maxLength} characters.");
            return false;
        }

        return true;
    }

    public static bool NotEmpty(ReadOnlySpan<byte> text, ref EventFaults faults, string name)
    {
        if (text.IsEmpty)
        {
            faults.Fail(name, "must not be empty.");
            return false;
        }

        return true;
    }

    public static double? Number(ref Utf8JsonReader json, ref EventFaults faults, string name, double min, double max)
    {
        if (json.TokenType != JsonTokenType.Number || !json.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            faults.Fail(name, "must be a number.");
            return null;
        }

        if (number < min || number > max)
        {
            faults.Fail(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return number;
    }

    /// <summary>The token's text without JSON escapes; escapes are rare, so only they cost an allocation.</summary>
    public static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader json)
    {
        if (!json.ValueIsEscaped)
        {
            return json.ValueSpan;
        }

        var buffer = new byte[json.ValueSpan.Length];
        return buffer.AsSpan(0, json.CopyString(buffer));
    }

    public static EventField FieldOf(ref Utf8JsonReader json)
    {
        if (!json.ValueIsEscaped)
        {
            return EventFields.Of(json.ValueSpan);
        }

        return json.ValueSpan.Length > 256 ? EventField.Unknown : EventFields.Of(Unescaped(ref json));
    }

    /// <summary>UTF-16 length at most <paramref name="maxLength"/>; a UTF-8 string never has more characters than bytes.</summary>
    public static bool FitsText(ReadOnlySpan<byte> utf8, int maxLength) =>
        utf8.Length <= maxLength || Encoding.UTF8.GetCharCount(utf8) <= maxLength;

    public static bool IsUpperAscii(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is < (byte)'A' or > (byte)'Z')
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsEnvironmentName(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b is not ((byte)'-' or (byte)'_' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsIpAddress(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[ApiEventLimits.IpMaxLength];
        return text.Length <= ApiEventLimits.IpMaxLength && IPAddress.TryParse(chars[..Encoding.UTF8.GetChars(text, chars)], out _);
    }
}
