using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Redis;

/// <summary>
/// One shared multiplexer per host, connected on first use. <c>AbortOnConnectFail=false</c> keeps the host
/// starting (and answering 503 / CHALLENGE) while Redis is down; the multiplexer reconnects by itself.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        KeyPrefix = settings.KeyPrefix;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var configuration = ConfigurationOptions.Parse(settings.Configuration ?? throw new InvalidOperationException("Redis:Configuration is not set."));
            configuration.AbortOnConnectFail = false;
            configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
            configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 2000);
            configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 2000);
            return ConnectionMultiplexer.Connect(configuration);
        });
    }

    public string KeyPrefix { get; }

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
