using Microsoft.Extensions.Options;

namespace Sentinel.Infrastructure.Configuration;

/// <summary>
/// Checks that the database, Redis and analytics settings fit together and fit the deployment mode, so a wrong
/// setting stops the host at start with a message naming the key rather than failing at the first request.
/// </summary>
internal sealed class DeploymentOptionsValidator(
    IOptions<DatabaseOptions> database,
    IOptions<RedisOptions> redis,
    IOptions<AnalyticsOptions> analytics) : IValidateOptions<SentinelOptions>
{
    public ValidateOptionsResult Validate(string? name, SentinelOptions options)
    {
        var failures = new List<string>();
        var db = database.Value;
        var analyticsStore = analytics.Value;

        if (db.Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(db.ConnectionString))
        {
            failures.Add("Database:ConnectionString is required when Database:Provider is PostgreSql.");
        }

        if (analyticsStore.Store == AnalyticsStoreKind.ClickHouse && analyticsStore.ClickHouse.Url is null)
        {
            failures.Add("Analytics:ClickHouse:Url is required when Analytics:Store is ClickHouse.");
        }

        if (analyticsStore.Store == AnalyticsStoreKind.Tinybird)
        {
            if (analyticsStore.Tinybird.ApiUrl is null)
            {
                failures.Add("Analytics:Tinybird:ApiUrl is required when Analytics:Store is Tinybird.");
            }

            if (string.IsNullOrWhiteSpace(analyticsStore.Tinybird.Token))
            {
                failures.Add("Analytics:Tinybird:Token is required when Analytics:Store is Tinybird.");
            }
        }

        if (options.Mode == DeploymentMode.Production)
        {
            // Several hosts share nothing but these servers; embedded parts would split the state per host.
            if (db.Provider != DatabaseProvider.PostgreSql)
            {
                failures.Add("Database:Provider must be PostgreSql when Sentinel:Mode is Production.");
            }

            if (!redis.Value.IsConfigured)
            {
                failures.Add("Redis:Configuration is required when Sentinel:Mode is Production.");
            }

            if (analyticsStore.Store == AnalyticsStoreKind.Embedded)
            {
                failures.Add("Analytics:Store must be ClickHouse or Tinybird when Sentinel:Mode is Production.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
