namespace Sentinel.Web.Portal;

/// <summary>One step of a page's breadcrumbs; <paramref name="Href"/> null is a step that is not a link.</summary>
public sealed record PortalCrumb(string Text, string? Href = null);
