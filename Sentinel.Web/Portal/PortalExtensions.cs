using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Team;
using Sentinel.Web.Components;
using Sentinel.Web.Components.Account;

namespace Sentinel.Web.Portal;

/// <summary>
/// The admin portal (docs/decisions/015): a Blazor Web App whose pages run interactively on the server with
/// MudBlazor, except the Identity account pages, which stay static server-rendered because cookies can only be
/// set on a real HTTP response. Identity cookies with lockout, the Admin and Support roles, and an authentication
/// state that is revalidated against the database while a circuit is open.
/// </summary>
internal static class PortalExtensions
{
    public const string AdminPolicy = "Admin";

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // blazor.web.js and MudBlazor's files live in NuGet packages; a build output finds them through its
        // *.staticwebassets.runtime.json, which ASP.NET Core reads only in Development by default: elsewhere
        // (`dotnet bin/.../Sentinel.Web.dll` in Production) the endpoints answered 200 with an empty body. A publish
        // output has no such manifest (the files are copied to wwwroot), and this call does nothing there.
        builder.WebHost.UseStaticWebAssets();
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<PortalWork>();
        services.AddScoped<AccountActivity>();
        services.AddSingleton<RepeatedSignInFailures>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "sentinel.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        // The cookie is re-checked as often as an open circuit, so a demoted person cannot come back with a reload.
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<PortalOptions>>((options, portal) => options.ValidationInterval = portal.Value.RevalidationInterval);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));

        services.AddIdentityCore<SentinelUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SentinelDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        return builder;
    }

    /// <summary>The portal's endpoints. The middleware they need (authentication, authorization, antiforgery) is in Program.cs.</summary>
    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        return app;
    }
}
