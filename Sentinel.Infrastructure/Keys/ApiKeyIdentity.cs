using Sentinel.Domain.Keys;

namespace Sentinel.Infrastructure.Keys;

/// <summary>
/// Who a valid key speaks for. <paramref name="ProjectArchived"/>: the key is genuine but its project is archived, so
/// every /v1 endpoint refuses it with 403 (not 401: the SDK's key is right, the project is switched off).
/// </summary>
public sealed record ApiKeyIdentity(Guid KeyId, Guid ProjectId, ApiKeyKind Kind, bool ProjectArchived = false);
