namespace Sentinel.Infrastructure.Trust.Settings;

/// <summary>Browser origins as the Origin header sends them: scheme, host and a non-default port, lower case, no path.</summary>
public static class TrustOrigins
{
    /// <summary>The canonical origin of <paramref name="value"/>, or null when it is not an http(s) origin.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }
}
