using Sentinel.Domain.Keys;

namespace Sentinel.Infrastructure.Keys;

/// <summary>Who a valid key speaks for.</summary>
public sealed record ApiKeyIdentity(Guid KeyId, Guid ProjectId, ApiKeyKind Kind);
