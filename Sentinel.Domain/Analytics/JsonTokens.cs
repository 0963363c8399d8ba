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
    /// <summary>The reason given for text that is not valid Unicode.</summary>
    public const string InvalidText = "must be valid Unicode: UTF-8, and a \\uD800-\\uDFFF escape only as half of a surrogate pair.";

    /// <summary>The value as unescaped UTF-8 when it is a string of valid UTF-8 within <paramref name="maxLength"/> characters.</summary>
    public static bool TryText(scoped ref Utf8JsonReader json, scoped ref EventFaults faults, string name, int maxLength, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (json.TokenType != JsonTokenType.String)
        {
            faults.Fail(name, "must be a string.");
            return false;
        }

        if (!TryUnescape(ref json, out text, faults.SourceIsUtf8))
        {
            faults.Fail(name, InvalidText);
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
        // Whole non-negative numbers of at most 15 digits (status, byte counts) take the integer parser: below 2^53
        // every such number is exactly a double, so both parsers give the same value. Longer numbers, fractions and
        // a minus sign (which keeps "-0" as -0.0) take the double parser.
        var number = 0d;
        if (json.TokenType == JsonTokenType.Number && json.ValueSpan is { Length: <= 15 } and [not (byte)'-', ..] && json.TryGetInt64(out var whole))
        {
            number = whole;
        }
        else if (json.TokenType != JsonTokenType.Number || !json.TryGetDouble(out number) || !double.IsFinite(number))
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

    /// <summary>
    /// The token's text (a string or property name) without JSON escapes, when it is valid Unicode: valid UTF-8, and
    /// every <c>\uD800</c>–<c>\uDFFF</c> escape one half of a surrogate pair. The reader accepts both kinds of
    /// bad text as JSON and only the unescaping finds them (it throws), so this is the one place that unescapes.
    /// Escapes are rare, so only they cost an allocation. <paramref name="sourceIsUtf8"/>: the whole JSON is known to
    /// be valid UTF-8, so unescaped text (bytes between two ASCII quotes, which never fall inside a multi-byte
    /// character) is too, and is not checked again.
    /// </summary>
    public static bool TryUnescape(scoped ref Utf8JsonReader json, out ReadOnlySpan<byte> text, bool sourceIsUtf8 = false)
    {
        if (!json.ValueIsEscaped)
        {
            text = json.ValueSpan;
            return sourceIsUtf8 || Utf8.IsValid(text);
        }

        var buffer = new byte[json.ValueSpan.Length];
        try
        {
            text = buffer.AsSpan(0, json.CopyString(buffer));
        }
        catch (InvalidOperationException)
        {
            // An unpaired surrogate escape ("\ud800") or invalid UTF-8 beside an escape.
            text = default;
            return false;
        }

        return Utf8.IsValid(text);
    }

    /// <summary>Whether the property name the reader stands on is <paramref name="name"/>; false for a name that is not valid Unicode.</summary>
    public static bool NameIs(ref Utf8JsonReader json, ReadOnlySpan<byte> name)
    {
        if (!json.ValueIsEscaped)
        {
            return json.ValueSpan.SequenceEqual(name);
        }

        return json.ValueSpan.Length <= 256 && TryUnescape(ref json, out var text) && text.SequenceEqual(name);
    }

    /// <summary>The field a property name stands for; a name that is not valid Unicode is no field, so it is ignored like any unknown name.</summary>
    public static EventField FieldOf(ref Utf8JsonReader json)
    {
        if (!json.ValueIsEscaped)
        {
            return EventFields.Of(json.ValueSpan);
        }

        return json.ValueSpan.Length <= 256 && TryUnescape(ref json, out var name) ? EventFields.Of(name) : EventField.Unknown;
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

    /// <summary>
    /// Whether <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/> takes the text. The usual form,
    /// four decimal parts of 0–255 without leading zeros, is told from the bytes; anything else (IPv6, and the
    /// unusual IPv4 spellings the parser also takes) goes to the parser.
    /// </summary>
    public static bool IsIpAddress(ReadOnlySpan<byte> text) => IsDottedQuad(text) || ParsesAsIpAddress(text);

    private static bool IsDottedQuad(ReadOnlySpan<byte> text)
    {
        var parts = 0;
        var at = 0;
        while (at < text.Length && parts < 4)
        {
            var start = at;
            var value = 0;
            while (at < text.Length && at - start < 3 && char.IsAsciiDigit((char)text[at]))
            {
                value = (value * 10) + (text[at++] - '0');
            }

            var digits = at - start;
            if (digits == 0 || value > 255 || (digits > 1 && text[start] == (byte)'0'))
            {
                return false;
            }

            parts++;
            if (parts < 4)
            {
                if (at >= text.Length || text[at] != (byte)'.')
                {
                    return false;
                }

                at++;
            }
        }

        return parts == 4 && at == text.Length;
    }

    private static bool ParsesAsIpAddress(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[ApiEventLimits.IpMaxLength];
        return text.Length <= ApiEventLimits.IpMaxLength && IPAddress.TryParse(chars[..Encoding.UTF8.GetChars(text, chars)], out _);
    }
}
