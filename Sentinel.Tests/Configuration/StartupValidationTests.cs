using Microsoft.Extensions.Options;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Configuration;

/// <summary>A wrong or missing setting stops the host at start with a message naming the key.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Database:Provider", "PostgreSql", "Database:ConnectionString")]
    [InlineData("Analytics:Store", "ClickHouse", "Analytics:ClickHouse:Url")]
    [InlineData("Analytics:Store", "Tinybird", "Analytics:Tinybird:Token")]
    [InlineData("Sentinel:Mode", "Production", "Redis:Configuration")]
    [InlineData("Bootstrap:AdminEmail", "not-an-email", "AdminEmail")]
    public void Start_WithAnInconsistentSetting_FailsNamingTheKey(string key, string value, string namedKey)
    {
        using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        var validation = Assert.IsType<OptionsValidationException>(Unwrap(error));
        Assert.Contains(namedKey, string.Join(" ", validation.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithAnUnknownEnumValue_FailsNamingTheKey()
    {
        using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" });

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("Database:Provider", Unwrap(error).Message + Unwrap(error).InnerException?.Message, StringComparison.Ordinal);
    }

    private static Exception Unwrap(Exception error) =>
        error is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : error;
}
