namespace Sentinel.Infrastructure.Configuration;

/// <summary>Where API-analytics events are stored and queried. Section <c>Analytics</c>.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    public AnalyticsStoreKind Store { get; set; } = AnalyticsStoreKind.Embedded;

    public ClickHouseOptions ClickHouse { get; set; } = new();

    public TinybirdOptions Tinybird { get; set; } = new();
}

public enum AnalyticsStoreKind
{
    Embedded,
    ClickHouse,
    Tinybird,
}

public sealed class ClickHouseOptions
{
    /// <summary>HTTP interface, e.g. <c>http://clickhouse:8123</c>.</summary>
    public Uri? Url { get; set; }

    public string Database { get; set; } = "sentinel";

    public string Username { get; set; } = "default";

    public string? Password { get; set; }
}

public sealed class TinybirdOptions
{
    /// <summary>Region API host, e.g. <c>https://api.tinybird.co</c>.</summary>
    public Uri? ApiUrl { get; set; }

    /// <summary>Token with append rights on the events data source and read rights on the pipes.</summary>
    public string? Token { get; set; }
}
