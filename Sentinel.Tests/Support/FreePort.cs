using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Sentinel.Tests.Support;

internal static class FreePort
{
    // Below Linux's ephemeral range (32768-60999): a port the OS chose for us with bind(0) sits in the range it also
    // hands to outgoing connections, so between choosing and the server binding, a client socket could take it.
    private const int First = 20000;
    private const int Last = 32000;
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>
    /// A loopback port that is free now, outside the ephemeral range, and never handed out twice in this test run
    /// (servers started in parallel cannot be given the same port).
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (HandedOut.TryAdd(port, 0) && IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last} after 1000 tries.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
