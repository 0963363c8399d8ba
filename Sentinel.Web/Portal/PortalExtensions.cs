using Microsoft.AspNetCore.Identity;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Web.Components;
using Sentinel.Web.Components.Account;

namespace Sentinel.Web.Portal;

/// <summary>
/// The admin portal: Blazor static server rendering (no interactive circuit, see docs/decisions/001), Identity
/// cookies with lockout, the Admin and Support roles, antiforgery on every form post.
/// </summary>
internal static class PortalExtensions
{
    public const string AdminPolicy = "Admin";

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();

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

        services.AddScoped<PortalActor>();
        return builder;
    }

    /// <summary>The portal's endpoints. The middleware they need (authentication, authorization, antiforgery) is in Program.cs.</summary>
    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        app.MapAccountEndpoints();
        return app;
    }
}
