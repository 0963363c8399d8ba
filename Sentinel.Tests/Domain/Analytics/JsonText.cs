using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Sentinel.Tests.Domain.Analytics;

/// <summary>
/// The content of a JSON string as raw bytes (what goes between the quotes), built from pieces that stress the
/// reader: plain text, short escapes, <c>\uXXXX</c> escapes (often lone surrogates), valid multi-byte UTF-8 and
/// invalid UTF-8. <see cref="Expected"/> is an independent oracle: the text the content stands for, or null when it
/// is not valid Unicode (invalid bytes or an unpaired surrogate).
/// </summary>
internal sealed record JsonText(IReadOnlyList<JsonText.Piece> Pieces)
{
    /// <summary>One piece: its bytes in the JSON and what it decodes to (UTF-16 code units, or raw bytes still to decode).</summary>
    internal sealed record Piece(byte[] Json, char? Escaped);

    public byte[] Json => [.. Pieces.SelectMany(p => p.Json)];

    public string? Expected
    {
        get
        {
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            var text = new StringBuilder();
            var raw = new List<byte>();
            try
            {
                foreach (var piece in Pieces)
                {
                    if (piece.Escaped is { } unit)
                    {
                        text.Append(strict.GetString([.. raw])).Append(unit);
                        raw.Clear();
                    }
                    else
                    {
                        raw.AddRange(piece.Json);
                    }
                }

                text.Append(strict.GetString([.. raw]));
            }
            catch (DecoderFallbackException)
            {
                return null;
            }

            var value = text.ToString();
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(value[i]))
                {
                    return null;
                }
            }

            return value;
        }
    }

    public override string ToString() => Encoding.UTF8.GetString(Json) + (Expected is null ? " (invalid)" : "");

    public static Gen<JsonText> Generator { get; } =
        Gen.ListOf(PieceGenerator()).Select(pieces => new JsonText([.. pieces.Take(24)]));

    private static Gen<Piece> PieceGenerator()
    {
        var plain = Gen.Choose(0x20, 0x7E).Where(c => c is not ('"' or '\\')).Select(c => new Piece([(byte)c], null));
        var shortEscape = Gen.Elements(("\\\"", '"'), ("\\\\", '\\'), ("\\/", '/'), ("\\b", '\b'), ("\\f", '\f'), ("\\n", '\n'), ("\\r", '\r'), ("\\t", '\t'))
            .Select(e => new Piece(Encoding.ASCII.GetBytes(e.Item1), e.Item2));
        var unitEscape = Gen.OneOf(Gen.Choose(0, 0xFFFF), Gen.Choose(0xD800, 0xDFFF), Gen.Choose(0xD800, 0xDFFF))
            .Zip(Gen.Elements("x4", "X4"))
            .Select(t => new Piece(Encoding.ASCII.GetBytes("\\u" + t.Item1.ToString(t.Item2, CultureInfo.InvariantCulture)), (char)t.Item1));
        var multiByte = Gen.Elements("é", "顧", "😀", "\u2028", "\uFFFD").Select(s => new Piece(Encoding.UTF8.GetBytes(s), null));
        var invalidUtf8 = Gen.OneOf(
            Gen.Choose(0x80, 0xFF).Select(b => new byte[] { (byte)b }),
            Gen.Elements<byte[]>([0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xC0, 0xAF], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F]))
            .Select(bytes => new Piece(bytes, null));
        return Gen.Frequency((6, plain), (2, shortEscape), (4, unitEscape), (2, multiByte), (3, invalidUtf8));
    }
}
