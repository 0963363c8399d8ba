using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Trust.Events;

namespace Sentinel.Domain.Trust.Wire;

/// <summary>One event object of a trust batch: its fields in any order, unknown ones ignored, each checked by type.</summary>
internal static class TrustEventReader
{
    /// <summary>Reads the object the reader stands on (to its end); false with errors added when it cannot be scored.</summary>
    public static bool Read(ref Utf8JsonReader json, int index, List<EventError> errors, out BehaviorEvent result, out string? field)
    {
        result = default;
        field = null;
        double? t = null;
        double? x = null;
        double? y = null;
        BehaviorEventKind? kind = null;
        KeyClass? key = null;
        var zone = 0;
        bool? trusted = null;
        var before = errors.Count;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.ValueSpan;
            json.Read();
            switch (name)
            {
                case var _ when name.SequenceEqual("t"u8):
                    t = Number(ref json, index, "t", 0, TrustWireLimits.MaxTimestampMs, errors);
                    break;
                case var _ when name.SequenceEqual("type"u8):
                    kind = Enumerated(ref json, index, "type", TrustVocabulary.EventKind, errors);
                    break;
                case var _ when name.SequenceEqual("x"u8):
                    x = Number(ref json, index, "x", -TrustWireLimits.MaxMagnitude, TrustWireLimits.MaxMagnitude, errors);
                    break;
                case var _ when name.SequenceEqual("y"u8):
                    y = Number(ref json, index, "y", -TrustWireLimits.MaxMagnitude, TrustWireLimits.MaxMagnitude, errors);
                    break;
                case var _ when name.SequenceEqual("key"u8):
                    key = Enumerated(ref json, index, "key", TrustVocabulary.KeyClass, errors);
                    break;
                case var _ when name.SequenceEqual("zone"u8):
                    zone = (int)(Integer(ref json, index, "zone", 0, 255, errors) ?? 0);
                    break;
                case var _ when name.SequenceEqual("button"u8):
                    _ = Integer(ref json, index, "button", 0, 31, errors);
                    break;
                case var _ when name.SequenceEqual("field"u8):
                    field = Field(ref json, index, errors);
                    break;
                case var _ when name.SequenceEqual("isTrusted"u8):
                    if (json.TokenType is JsonTokenType.True or JsonTokenType.False)
                    {
                        trusted = json.GetBoolean();
                    }
                    else
                    {
                        errors.Add(new EventError(index, "isTrusted", "must be true or false."));
                        json.Skip();
                    }

                    break;
                default:
                    json.Skip();
                    break;
            }
        }

        Require(t.HasValue || HasError(errors, before, "t"), index, "t", errors);
        Require(kind.HasValue || HasError(errors, before, "type"), index, "type", errors);
        Require(trusted.HasValue || HasError(errors, before, "isTrusted"), index, "isTrusted", errors);
        if (kind is { } k)
        {
            var isKey = k is BehaviorEventKind.KeyDown or BehaviorEventKind.KeyUp;
            var needsPosition = k is BehaviorEventKind.MouseMove or BehaviorEventKind.MouseDown or BehaviorEventKind.MouseUp or BehaviorEventKind.Click
                or BehaviorEventKind.TouchStart or BehaviorEventKind.TouchMove or BehaviorEventKind.TouchEnd;
            if (isKey)
            {
                Require(key.HasValue || HasError(errors, before, "key"), index, "key", errors);
            }
            else
            {
                field = null;
            }

            if (needsPosition)
            {
                Require(x.HasValue || HasError(errors, before, "x"), index, "x", errors);
                Require(y.HasValue || HasError(errors, before, "y"), index, "y", errors);
            }
        }

        if (errors.Count > before)
        {
            return false;
        }

        result = new BehaviorEvent(kind!.Value, t!.Value, (float)(x ?? 0), (float)(y ?? 0), key ?? KeyClass.Other, (byte)zone, trusted!.Value);
        return true;
    }

    private static bool HasError(List<EventError> errors, int from, string field)
    {
        for (var i = from; i < errors.Count; i++)
        {
            if (errors[i].Field == field)
            {
                return true;
            }
        }

        return false;
    }

    private static void Require(bool present, int index, string field, List<EventError> errors)
    {
        if (!present)
        {
            errors.Add(new EventError(index, field, "is required."));
        }
    }

    private static double? Number(ref Utf8JsonReader json, int index, string field, double min, double max, List<EventError> errors)
    {
        if (json.TokenType != JsonTokenType.Number || !json.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            errors.Add(new EventError(index, field, "must be a number."));
            json.Skip();
            return null;
        }

        if (value < min || value > max)
        {
            errors.Add(new EventError(index, field, $"must be between {min:G3} and {max:G3}."));
            return null;
        }

        return value;
    }

    private static long? Integer(ref Utf8JsonReader json, int index, string field, long min, long max, List<EventError> errors)
    {
        if (json.TokenType != JsonTokenType.Number || !json.TryGetInt64(out var value) || value < min || value > max)
        {
            errors.Add(new EventError(index, field, $"must be a whole number from {min} to {max}."));
            json.Skip();
            return null;
        }

        return value;
    }

    private static T? Enumerated<T>(ref Utf8JsonReader json, int index, string field, FrozenDictionary<string, T> names, List<EventError> errors)
        where T : struct
    {
        // Looked up by span: the names are ASCII, so bytes map to chars one to one and no string is made per event.
        Span<char> chars = stackalloc char[16];
        if (json.TokenType == JsonTokenType.String && json.ValueSpan.Length <= chars.Length && !json.ValueIsEscaped)
        {
            var length = Encoding.UTF8.GetChars(json.ValueSpan, chars);
            if (names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..length], out var value))
            {
                return value;
            }
        }

        errors.Add(new EventError(index, field, $"must be one of: {string.Join(", ", names.Keys)}."));
        json.Skip();
        return null;
    }

    private static string? Field(ref Utf8JsonReader json, int index, List<EventError> errors)
    {
        if (json.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var value = json.TokenType == JsonTokenType.String && json.ValueSpan.Length <= TrustWireLimits.FieldMaxLength * 6 ? json.GetString() : null;
        if (value is null || !TrustWireLimits.IsFieldMarker(value))
        {
            errors.Add(new EventError(index, "field", $"must be 1..{TrustWireLimits.FieldMaxLength} characters of a-z, 0-9, '_' and '-'."));
            json.Skip();
            return null;
        }

        return TrustVocabulary.Intern(value);
    }
}
