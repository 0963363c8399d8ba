using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sentinel.Infrastructure.Demo;

/// <summary>
/// The address this host listens on, as a client on the same machine reaches it: the first http address Kestrel
/// reports (https only when there is none: a development certificate may not be trusted), with a wildcard host
/// (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) replaced by <c>localhost</c>.
/// </summary>
public static class SelfAddress
{
    public static Uri Of(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The host does not listen on any address yet (or runs without Kestrel), so the demo cannot reach its API.");
        return Local(chosen);
    }

    public static Uri Local(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal) + 3;
        var hostEnd = address.IndexOf(':', address.StartsWith('[') ? address.IndexOf(']', schemeEnd) : schemeEnd);
        var host = address[schemeEnd..(hostEnd < 0 ? address.Length : hostEnd)].TrimEnd('/');
        var local = host is "+" or "*" or "0.0.0.0" or "[::]" ? string.Concat(address.AsSpan(0, schemeEnd), "localhost", address.AsSpan(schemeEnd + host.Length)) : address;
        return new Uri(local.TrimEnd('/') + "/");
    }
}
