namespace Sentinel.Web.Components.Pages.Analytics;

/// <summary>
/// The analytics pages' addresses, relative to the base path. A route template keeps its slashes as path segments
/// (each escaped: braces and spaces), so <c>GET /orders/{id}</c> is <c>analytics/shop/routes/GET/orders/%7Bid%7D</c>.
/// </summary>
public static class AnalyticsLinks
{
    public static string Project(string slug) => $"analytics/{Uri.EscapeDataString(slug)}";

    public static string Route(string slug, string method, string route) =>
        $"{Project(slug)}/routes/{Uri.EscapeDataString(method)}/{string.Join('/', route.TrimStart('/').Split('/').Select(Uri.EscapeDataString))}";

    public static string Consumer(string slug, string consumerId) => $"{Project(slug)}/consumers/{Uri.EscapeDataString(consumerId)}";

    /// <summary>The route template from the catch-all segment of the route page ("orders/{id}" is "/orders/{id}").</summary>
    public static string RouteFromPath(string? path) => "/" + (path ?? "");
}
