using System.ComponentModel.DataAnnotations;

namespace Sentinel.Web.Portal;

/// <summary>Portal settings (section <see cref="Section"/>).</summary>
internal sealed class PortalOptions : IValidatableObject
{
    public const string Section = "Portal";

    /// <summary>
    /// How often an open portal (and a sign-in cookie) re-checks its user against the database: a removed, locked or
    /// demoted person loses the portal within this time. At most a minute; tests shorten it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Portal:RevalidationInterval must be between 1 second and 1 minute.")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The address customers' SDKs and pages reach Sentinel at, used in the project page's quickstart snippets. Empty:
    /// the address the admin's browser used. Set it behind a proxy or when the portal has an internal address.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0))
        {
            yield return new ValidationResult($"{Section}:{nameof(PublicBaseUrl)} must be an absolute http(s) address such as https://sentinel.example.com.", [nameof(PublicBaseUrl)]);
        }
    }
}
