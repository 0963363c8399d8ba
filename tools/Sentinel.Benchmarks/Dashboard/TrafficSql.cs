using System.Globalization;
using Sentinel.Domain.Analytics;

namespace Sentinel.Benchmarks.Dashboard;

/// <summary>
/// One INSERT … SELECT per store that generates <c>events</c> API events in time order across [start, end): the same
/// formulas in ClickHouse's and DuckDB's dialects (ClickHouse 18.16 has no random doubles, so uniform numbers are
/// rand(k) / 2³²; a distinct k per draw stops ClickHouse from computing one rand() for all of them).
/// Route r (0–49, the low ones busier: r = 50·u²) has method GET/GET/POST/PUT/DELETE by r mod 5 and a log-normal
/// latency with median 20·1.5^(r mod 7) ms and σ = 0.9 (Box–Muller); consumers are customer-c, c = 1000·u³, or none (20%).
/// </summary>
internal static class TrafficSql
{
    private const string Id = "/{id}";
    private const string Headers = """{"accept":"application/json"}""";

    public static string ClickHouse(Guid project, DateTime start, DateTime end, long events)
    {
        const string U1 = "((rand(1) + 1) / 4294967297)";
        const string U2 = "(rand(2) / 4294967296)";
        const string U3 = "(rand(3) / 4294967296)";
        const string U4 = "(rand(4) / 4294967296)";
        return Invariant($"""
            INSERT INTO api_events (project_id, id, timestamp, environment, method, host, path, route, status, duration_ms,
                request_bytes, response_bytes, consumer_id, ip, user_agent, sdk_name, sdk_version, headers, error)
            SELECT '{project}', concat('evt-', toString(number)),
                toDateTime({UnixTime.Seconds(start)} + intDiv(number * {UnixTime.Seconds(end) - UnixTime.Seconds(start)}, {events})),
                if(rand(5) % 10 = 0, 'staging', 'production'),
                arrayElement(['GET', 'GET', 'POST', 'PUT', 'DELETE'], r % 5 + 1), 'api.shop.test',
                concat('/v1/resource', toString(r), '/', toString(rand(6) % 100000)), concat('/v1/resource', toString(r), '{Id}'),
                toUInt16(multiIf(s < 850, 200, s < 900, 201, s < 920, 304, s < 950, 400, s < 960, 401, s < 975, 404, s < 985, 429, s < 995, 500, 503)),
                round(exp(log(20) + (r % 7) * log(1.5) + 0.9 * sqrt(-2 * log({U1})) * cos(2 * pi() * {U2})), 3),
                rand(7) % 4000, toUInt64(exp(5 + 6 * {U4})),
                if(rand(8) % 5 = 0, '', concat('customer-', toString(toUInt32(1000 * pow({U3}, 3))))),
                '203.0.113.7', 'shop-mobile/4.2 (iOS 18)', 'sentinel-node', '0.1.0', '{Headers}', ''
            FROM (SELECT number, toUInt32(50 * pow(rand(9) / 4294967296, 2)) AS r, rand(10) % 1000 AS s FROM system.numbers LIMIT {events})
            """);
    }

    public static string DuckDb(Guid project, DateTime start, DateTime end, long events) => Invariant($"""
        INSERT INTO api_events
        SELECT '{project}'::UUID, 'evt-' || n, {UnixTime.Seconds(start)} + (n * {UnixTime.Seconds(end) - UnixTime.Seconds(start)}) // {events},
            CASE WHEN random() < 0.1 THEN 'staging' ELSE 'production' END,
            ['GET', 'GET', 'POST', 'PUT', 'DELETE'][r % 5 + 1], 'api.shop.test',
            '/v1/resource' || r || '/' || floor(random() * 100000)::BIGINT, '/v1/resource' || r || '{Id}',
            CASE WHEN s < 850 THEN 200 WHEN s < 900 THEN 201 WHEN s < 920 THEN 304 WHEN s < 950 THEN 400 WHEN s < 960 THEN 401
                 WHEN s < 975 THEN 404 WHEN s < 985 THEN 429 WHEN s < 995 THEN 500 ELSE 503 END,
            round(exp(ln(20) + (r % 7) * ln(1.5) + 0.9 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())), 3),
            floor(random() * 4000)::BIGINT, exp(5 + 6 * random())::BIGINT,
            CASE WHEN random() < 0.2 THEN '' ELSE 'customer-' || floor(1000 * pow(random(), 3))::BIGINT END,
            '203.0.113.7', 'shop-mobile/4.2 (iOS 18)', 'sentinel-node', '0.1.0', '{Headers}', ''
        FROM (SELECT range AS n, floor(50 * pow(random(), 2))::BIGINT AS r, floor(random() * 1000)::BIGINT AS s FROM range({events}))
        """);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
