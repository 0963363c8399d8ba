using System.ComponentModel.DataAnnotations;

namespace Sentinel.Web.Portal;

/// <summary>Portal settings (section <see cref="Section"/>).</summary>
internal sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// How often an open portal (and a sign-in cookie) re-checks its user against the database: a removed, locked or
    /// demoted person loses the portal within this time. At most a minute; tests shorten it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Portal:RevalidationInterval must be between 1 second and 1 minute.")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
