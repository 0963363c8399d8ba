using System.Globalization;
using System.Text;
using Sentinel.Infrastructure.Ingestion;

namespace Sentinel.Infrastructure.Pipeline;

/// <summary>How a dead letter's body is shown: a decoded batch, text, or bytes as hex.</summary>
public enum PreviewKind
{
    /// <summary>A queued batch that decodes: its project and the start of its events.</summary>
    Batch,

    /// <summary>Not a batch, but valid UTF-8 text.</summary>
    Text,

    /// <summary>Neither: the first bytes as a hex dump.</summary>
    Binary,
}

/// <summary>
/// A bounded, safe preview of a dead letter's raw bytes for the portal. Bounded: at most <see cref="MaxChars"/>
/// characters of text or <see cref="MaxHexBytes"/> bytes of hex, whatever the entry's size. Safe: the page renders
/// it as text (Blazor escapes markup), and here control and format characters (including bidirectional overrides
/// that could make the text read differently from what it is) become visible <c>\u….</c> escapes; bytes that are not
/// UTF-8 are never decoded as text, they are shown as hex.
/// </summary>
public sealed record DeadLetterPreview(PreviewKind Kind, Guid? ProjectId, string Text, int TotalBytes, bool Truncated)
{
    public const int MaxChars = 600;
    public const int MaxHexBytes = 96;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DeadLetterPreview Of(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (QueuedBatchCodec.TryDecode(raw) is { } batch)
        {
            var text = Escape(Summary(batch), out var truncated);
            return new DeadLetterPreview(PreviewKind.Batch, batch.ProjectId, text, raw.Length, truncated);
        }

        return TryText(raw, out var plain, out var cut)
            ? new DeadLetterPreview(PreviewKind.Text, null, plain, raw.Length, cut)
            : new DeadLetterPreview(PreviewKind.Binary, null, Hex(raw), raw.Length, raw.Length > MaxHexBytes);
    }

    /// <summary>A decoded batch is rows, not text: its count, then one line per event (time, request, status, latency, id) until the preview is full.</summary>
    private static string Summary(QueuedBatch batch)
    {
        var builder = new StringBuilder(MaxChars + 200);
        builder.Append(batch.Rows.Count.ToString(CultureInfo.InvariantCulture)).Append(batch.Rows.Count == 1 ? " event" : " events");
        var reader = batch.Rows.GetReader();
        while (builder.Length <= MaxChars && reader.TryRead(out var row))
        {
            builder.Append('\n')
                .Append(row.TimestampUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("  ")
                .Append(Encoding.UTF8.GetString(row.Method)).Append(' ').Append(Encoding.UTF8.GetString(row.Route)).Append("  ")
                .Append(row.Status.ToString(CultureInfo.InvariantCulture)).Append("  ")
                .Append(row.DurationMs.ToString("0.#", CultureInfo.InvariantCulture)).Append(" ms  ")
                .Append(Encoding.UTF8.GetString(row.Environment)).Append("  id ").Append(Encoding.UTF8.GetString(row.Id));
        }

        return builder.ToString();
    }

    /// <summary>The bytes as text when they are valid UTF-8 (an empty body is empty text), escaped and cut to <see cref="MaxChars"/>.</summary>
    private static bool TryText(ReadOnlySpan<byte> bytes, out string text, out bool truncated)
    {
        // Only the head is decoded (4 bytes per character at most), and a character cut at the end is not an error.
        var head = bytes[..Math.Min(bytes.Length, (MaxChars * 4) + 4)];
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(head);
        }
        catch (DecoderFallbackException) when (head.Length < bytes.Length && TrimPartial(head, out var whole))
        {
            try
            {
                decoded = StrictUtf8.GetString(whole);
            }
            catch (DecoderFallbackException)
            {
                text = "";
                truncated = false;
                return false;
            }
        }
        catch (DecoderFallbackException)
        {
            text = "";
            truncated = false;
            return false;
        }

        text = Escape(decoded, out truncated);
        truncated |= head.Length < bytes.Length;
        return true;
    }

    /// <summary>At most <see cref="MaxChars"/> characters, escapes included; control and format characters (bar newline and tab) as <c>\uXXXX</c>.</summary>
    private static string Escape(string decoded, out bool truncated)
    {
        var builder = new StringBuilder(Math.Min(decoded.Length, MaxChars));
        var i = 0;
        for (; i < decoded.Length; i++)
        {
            var c = decoded[i];
            var plain = c is '\n' or '\t' || (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format);
            if (builder.Length + (plain ? 1 : 6) > MaxChars)
            {
                break;
            }

            if (plain)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        truncated = i < decoded.Length;
        return builder.ToString();
    }

    /// <summary>The head without a multi-byte character cut at its end (at most 3 bytes dropped).</summary>
    private static bool TrimPartial(ReadOnlySpan<byte> head, out byte[] whole)
    {
        for (var drop = 1; drop <= 3 && drop < head.Length; drop++)
        {
            if ((head[^drop] & 0xC0) == 0xC0)
            {
                whole = head[..^drop].ToArray();
                return true;
            }
        }

        whole = [];
        return false;
    }

    /// <summary>Offset, 16 bytes in hex, per line: <c>0000  7b 22 65 ...</c>.</summary>
    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes[..Math.Min(bytes.Length, MaxHexBytes)];
        var builder = new StringBuilder((shown.Length * 3) + (shown.Length / 16 * 8));
        for (var i = 0; i < shown.Length; i++)
        {
            if (i % 16 == 0)
            {
                if (i > 0)
                {
                    builder.Append('\n');
                }

                builder.Append(i.ToString("x4", CultureInfo.InvariantCulture)).Append(' ');
            }

            builder.Append(' ').Append(shown[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
