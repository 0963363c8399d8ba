using Hangfire;
using Sentinel.Web.Portal;

namespace Sentinel.Web.Jobs;

/// <summary>
/// The Hangfire dashboard inside the portal, for Admins only: the portal's cookie principal and the Admin policy
/// (anonymous users go to the login page, Support gets access denied), never Hangfire's local-requests default.
/// Its forms carry Hangfire's antiforgery tokens (ASP.NET Core's IAntiforgery).
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(PortalExtensions.AdminPolicy, Path, new DashboardOptions
        {
            DashboardTitle = "Sentinel jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
            IsReadOnlyFunc = _ => false,
        });
        return app;
    }
}
