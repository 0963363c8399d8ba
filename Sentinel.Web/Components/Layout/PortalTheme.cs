using MudBlazor;

namespace Sentinel.Web.Components.Layout;

/// <summary>Sentinel's colours: a calm indigo with a teal accent, dark surfaces close to Grafana's.</summary>
internal static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            Secondary = "#00897b",
            AppbarBackground = "#1f2433",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.78)",
            DrawerIcon = "rgba(0,0,0,0.6)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#4db6ac",
            AppbarBackground = "#181b1f",
            Background = "#111217",
            Surface = "#181b1f",
            DrawerBackground = "#181b1f",
            DrawerText = "rgba(255,255,255,0.80)",
            DrawerIcon = "rgba(255,255,255,0.65)",
            LinesDefault = "rgba(255,255,255,0.10)",
            TableLines = "rgba(255,255,255,0.10)",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", DrawerWidthLeft = "240px" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
