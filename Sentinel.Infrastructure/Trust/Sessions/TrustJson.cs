using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>Source-generated JSON for what the trust column stores (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SessionMeta))]
[JsonSerializable(typeof(List<SessionReason>))]
[JsonSerializable(typeof(List<Sentinel.Domain.Trust.Live.KeystrokeProfile>))]
[JsonSerializable(typeof(Live.SessionChange))]
[JsonSerializable(typeof(List<ScorePoint>))]
internal sealed partial class TrustJson : JsonSerializerContext
{
    public static byte[] Serialize(SessionMeta meta) => JsonSerializer.SerializeToUtf8Bytes(meta, Default.SessionMeta);

    public static SessionMeta DeserializeMeta(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, Default.SessionMeta) ?? throw new JsonException("Session meta is null.");
}
