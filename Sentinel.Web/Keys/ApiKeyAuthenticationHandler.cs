using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Keys;

namespace Sentinel.Web.Keys;

/// <summary>
/// Authenticates /v1 requests by project key: <c>Authorization: Bearer snt_...</c> (or <c>X-Api-Key</c>). A failed
/// or missing key answers 401 as ProblemDetails; the reason stays vague on purpose (no oracle for key guessing).
/// An address with too many failures in a minute gets 429 for keys this host has not cached (<see cref="FailedKeyAttempts"/>).
/// A genuine key of an archived project gets 403 ProblemDetails saying so, on every endpoint of the scheme.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator,
    FailedKeyAttempts failedAttempts,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ProjectClaim = "sentinel:project";
    public const string KeyClaim = "sentinel:key";
    public const string KindClaim = "sentinel:key_kind";
    public const string ArchivedTitle = "The project is archived.";
    public const string ArchivedDetail = "Keys of an archived project are refused. An admin can restore the project in the portal (Projects, archived).";
    private const string TooManyFailures = "sentinel:too_many_key_failures";
    private const string ProjectArchived = "sentinel:project_archived";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenFrom(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var client = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failedAttempts.IsBlocked(client) && !authenticator.IsCached(token))
        {
            Context.Items[TooManyFailures] = true;
            return AuthenticateResult.Fail("Too many failed key attempts from this address.");
        }

        var identity = await authenticator.AuthenticateAsync(token, Context.RequestAborted);
        if (identity is null)
        {
            failedAttempts.RecordFailure(client);
            return AuthenticateResult.Fail("Unknown, revoked or expired key.");
        }

        if (identity.ProjectArchived)
        {
            Context.Items[ProjectArchived] = true;
            return AuthenticateResult.Fail(ArchivedTitle);
        }

        var claims = new ClaimsIdentity(
            [
                new Claim(ProjectClaim, identity.ProjectId.ToString()),
                new Claim(KeyClaim, identity.KeyId.ToString()),
                new Claim(KindClaim, identity.Kind.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(claims), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(TooManyFailures))
        {
            Response.Headers.RetryAfter = ((int)FailedKeyAttempts.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return WriteProblemAsync(
                StatusCodes.Status429TooManyRequests,
                "Too many failed key attempts.",
                "This address sent too many unknown, revoked or expired keys; retry after the Retry-After delay with a valid key.");
        }

        if (Context.Items.ContainsKey(ProjectArchived))
        {
            return WriteProblemAsync(StatusCodes.Status403Forbidden, ArchivedTitle, ArchivedDetail);
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "A valid project key is required.",
            TokenFrom(Request) is null ? "Send the project's key as 'Authorization: Bearer <key>'." : "The key is unknown, revoked or expired.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(
            StatusCodes.Status403Forbidden,
            "This kind of key cannot be used here.",
            "Use the project's ingest key for /v1/events, the publishable key for /v1/trust/events and the secret key for /v1/trust/sessions.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string? TokenFrom(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }
}
