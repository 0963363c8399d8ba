using Sentinel.Domain.Keys;
using Sentinel.Infrastructure.Keys;

namespace Sentinel.Web.Trust;

/// <summary>
/// Key checks of POST /v1/trust/events, done in the endpoint rather than the authentication scheme because the
/// collector may send its key in the query string (<c>navigator.sendBeacon</c> cannot set headers) and because the
/// CORS answer depends on the key's project.
/// </summary>
internal static class TrustKeys
{
    public enum Verdict
    {
        Ok,
        Missing,
        Unknown,
        WrongKind,
        TooManyFailures,
        ProjectArchived,
    }

    public static string? TokenFrom(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var query = request.Query["key"].ToString();
        return query.Length > 0 ? query.Trim() : null;
    }

    public static async Task<(Verdict Verdict, ApiKeyIdentity? Identity)> CheckAsync(HttpContext context, ApiKeyAuthenticator authenticator, FailedKeyAttempts failures)
    {
        var token = TokenFrom(context.Request);
        if (token is null)
        {
            return (Verdict.Missing, null);
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.IsBlocked(client) && !authenticator.IsCached(token))
        {
            return (Verdict.TooManyFailures, null);
        }

        var identity = await authenticator.AuthenticateAsync(token, context.RequestAborted);
        if (identity is null)
        {
            failures.RecordFailure(client);
            return (Verdict.Unknown, null);
        }

        if (identity.Kind != ApiKeyKind.Publishable)
        {
            return (Verdict.WrongKind, identity);
        }

        return identity.ProjectArchived ? (Verdict.ProjectArchived, identity) : (Verdict.Ok, identity);
    }
}
