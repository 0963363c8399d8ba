using System.ComponentModel.DataAnnotations;

namespace Sentinel.Infrastructure.Configuration;

/// <summary>The first admin, created on first start when no user exists. Section <c>Bootstrap</c>.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    [Required]
    [EmailAddress]
    public string AdminEmail { get; set; } = "admin@sentinel.local";

    /// <summary>Empty: a strong password is generated and written once to the log.</summary>
    public string? AdminPassword { get; set; }
}
