namespace Sentinel.Domain.Identity;

/// <summary>Portal roles. Admins manage projects, keys, policy and people; Support reviews sessions.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Support = "Support";

    public static readonly IReadOnlyList<string> All = [Admin, Support];
}
