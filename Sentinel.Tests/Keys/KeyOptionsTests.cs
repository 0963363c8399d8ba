using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Keys;

namespace Sentinel.Tests.Keys;

/// <summary>The <c>Keys</c> section, and the <c>Ingest:*</c> names the key settings had before it (ADR 020).</summary>
public sealed class KeyOptionsTests
{
    [Fact]
    public void TheOldIngestNames_StillWork()
    {
        var options = Bind(new()
        {
            ["Ingest:KeyCacheLifetime"] = "00:00:07",
            ["Ingest:FailedKeyAttemptsPerMinute"] = "12",
            ["Ingest:KeyUsageFlushInterval"] = "00:02:00",
        });

        Assert.Equal(TimeSpan.FromSeconds(7), options.CacheLifetime);
        Assert.Equal(12, options.FailedAttemptsPerMinute);
        Assert.Equal(TimeSpan.FromMinutes(2), options.UsageFlushInterval);
    }

    [Fact]
    public void TheKeysSection_WinsOverTheOldNames_AndUnsetValuesKeepTheirDefaults()
    {
        var options = Bind(new()
        {
            ["Ingest:FailedKeyAttemptsPerMinute"] = "12",
            ["Keys:FailedAttemptsPerMinute"] = "40",
        });

        Assert.Equal(40, options.FailedAttemptsPerMinute);
        Assert.Equal(new KeyOptions().CacheLifetime, options.CacheLifetime);
        Assert.Equal(new KeyOptions().UsageFlushInterval, options.UsageFlushInterval);
    }

    [Theory]
    [InlineData("Keys:FailedAttemptsPerMinute", "0", "FailedAttemptsPerMinute")]
    [InlineData("Keys:CacheLifetime", "01:00:00", "Keys:CacheLifetime")]
    [InlineData("Keys:UsageFlushInterval", "00:00:00", "Keys:UsageFlushInterval")]
    public void AWrongSetting_FailsWithAMessageNamingIt(string key, string value, string named)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    private static KeyOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddKeys();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<KeyOptions>>().Value;
    }
}
