using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Sentinel.Domain.Keys;

/// <summary>
/// The key string a customer puts in their configuration: <c>snt_ing_&lt;lookup&gt;_&lt;secret&gt;</c>. The kind code
/// makes a leaked key easy to recognise (secret scanners, logs); the 12-character lookup part (60 random bits) finds
/// the stored row without revealing anything; the 32-character secret carries 160 random bits. Only a SHA-256 hash of
/// the whole token is stored: the token is high-entropy, so a slow password hash would add latency and no safety.
/// </summary>
public static class ApiKeyToken
{
    public const int LookupLength = 12;
    public const int SecretLength = 32;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const string Scheme = "snt";

    /// <summary>A new random token of the given kind with its prefix (the stored lookup part).</summary>
    public static (string Token, string Prefix) Generate(ApiKeyKind kind)
    {
        var lookup = RandomText(LookupLength);
        var token = $"{Scheme}_{KindCode(kind)}_{lookup}_{RandomText(SecretLength)}";
        return (token, PrefixOf(kind, lookup));
    }

    /// <summary>Reads the kind and stored prefix of a token without trusting it; false if it is not shaped like one.</summary>
    public static bool TryParse(string? token, out ApiKeyKind kind, [NotNullWhen(true)] out string? prefix)
    {
        kind = default;
        prefix = null;
        if (token is null || token.Length != Scheme.Length + 1 + 3 + 1 + LookupLength + 1 + SecretLength)
        {
            return false;
        }

        var parts = token.Split('_');
        if (parts.Length != 4 || parts[0] != Scheme || !TryKind(parts[1], out kind)
            || parts[2].Length != LookupLength || parts[3].Length != SecretLength
            || !parts[2].All(Alphabet.Contains) || !parts[3].All(Alphabet.Contains))
        {
            return false;
        }

        prefix = PrefixOf(kind, parts[2]);
        return true;
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Compares in constant time, so response timing says nothing about how much of a guess was right.</summary>
    public static bool Matches(string token, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(token), storedHash);

    private static string PrefixOf(ApiKeyKind kind, string lookup) => $"{Scheme}_{KindCode(kind)}_{lookup}";

    private static string KindCode(ApiKeyKind kind) => kind switch
    {
        ApiKeyKind.Ingest => "ing",
        ApiKeyKind.Publishable => "pub",
        ApiKeyKind.Secret => "sec",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown key kind."),
    };

    private static bool TryKind(string code, out ApiKeyKind kind)
    {
        kind = code switch
        {
            "ing" => ApiKeyKind.Ingest,
            "pub" => ApiKeyKind.Publishable,
            "sec" => ApiKeyKind.Secret,
            _ => default,
        };
        return kind != default;
    }

    private static string RandomText(int length)
    {
        // 32 symbols: each random byte's low 5 bits pick one, so every symbol is equally likely.
        Span<byte> bytes = stackalloc byte[length];
        RandomNumberGenerator.Fill(bytes);
        var text = new char[length];
        for (var i = 0; i < length; i++)
        {
            text[i] = Alphabet[bytes[i] & 31];
        }

        return new string(text);
    }
}
