using Sentinel.Domain.Keys;

namespace Sentinel.Infrastructure.Keys;

/// <summary>A key just created: <see cref="Token"/> is shown to the user once and never stored.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Token);
