using Sentinel.Domain.Keys;

namespace Sentinel.Web.Components.Pages.Projects;

/// <summary>How the portal names and explains each kind of key.</summary>
internal static class KeyKinds
{
    public static string Title(ApiKeyKind kind) => kind switch
    {
        ApiKeyKind.Ingest => "Ingest",
        ApiKeyKind.Publishable => "Publishable",
        ApiKeyKind.Secret => "Secret",
        _ => kind.ToString(),
    };

    public static string Use(ApiKeyKind kind) => kind switch
    {
        ApiKeyKind.Ingest => "Server SDKs post API events (POST /v1/events/batch). Keep it on the server.",
        ApiKeyKind.Publishable => "The browser collector posts behaviour from your pages; visible in the page, accepted only from the project's allowed origins.",
        ApiKeyKind.Secret => "Your backend reads session verdicts (GET /v1/trust/sessions/{id}). Keep it on the server.",
        _ => "",
    };
}
