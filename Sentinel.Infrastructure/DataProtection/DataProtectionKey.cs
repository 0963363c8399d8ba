namespace Sentinel.Infrastructure.DataProtection;

/// <summary>One ASP.NET Core data-protection key ring element (XML), shared by every host through the app database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
