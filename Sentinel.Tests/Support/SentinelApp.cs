using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Keys;
using Sentinel.Domain.Projects;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Projects;
using Sentinel.Infrastructure.Team;

namespace Sentinel.Tests.Support;

/// <summary>
/// The whole Sentinel host for tests, configured through settings (as an operator would), with intent methods
/// for what tests set up. <see cref="EmbeddedAsync"/> runs it on SQLite; <see cref="ProductionAsync"/> on the real
/// PostgreSQL, Redis and ClickHouse servers.
/// </summary>
public sealed class SentinelApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@sentinel.test";
    public const string AdminPassword = "Admin-Password-123!";

    private readonly Dictionary<string, string?> _settings;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"sentinel-app-{Guid.NewGuid():N}");
    private readonly bool _kestrel;

    private SentinelApp(Dictionary<string, string?> settings, bool kestrel)
    {
        _settings = settings;
        _kestrel = kestrel;
        _settings.TryAdd("Sentinel:DataDirectory", _dataDirectory);
        TestRun.RecordDirectory(_dataDirectory);
        _settings.TryAdd("Bootstrap:AdminEmail", AdminEmail);
        _settings.TryAdd("Bootstrap:AdminPassword", AdminPassword);
        _settings = _settings.Where(setting => setting.Value is not null).ToDictionary();
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>Extra service registrations for a test (for example an <c>IStartupFilter</c> adding a probe endpoint).</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }

    /// <summary>Every log message the host wrote.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The http://127.0.0.1:port address when the app runs on Kestrel (for a real browser).</summary>
    public Uri ServerAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    public static SentinelApp Embedded(bool kestrel = false, IDictionary<string, string?>? settings = null) =>
        new(WithDefault(settings, "Sentinel:Mode", "Embedded"), kestrel);

    public static Task<SentinelApp> EmbeddedAsync(bool kestrel = false) => Task.FromResult(Embedded(kestrel));

    /// <summary>Production mode on this run's real servers, with a fresh database, key prefix and ClickHouse database.</summary>
    public static async Task<SentinelApp> ProductionAsync(bool kestrel = false, IDictionary<string, string?>? settings = null) =>
        Production(await ProductionSettingsAsync(settings), kestrel);

    /// <summary>A host on exactly these settings: several hosts made from one settings set share their servers, like a cluster.</summary>
    public static SentinelApp Production(IDictionary<string, string?> settings, bool kestrel = false) => new(new Dictionary<string, string?>(settings), kestrel);

    /// <summary>Settings for production mode with a fresh database, key prefix and ClickHouse database, plus <paramref name="settings"/>.</summary>
    public static async Task<Dictionary<string, string?>> ProductionSettingsAsync(IDictionary<string, string?>? settings = null)
    {
        var postgres = await TestServers.PostgresAsync();
        var redis = await TestServers.RedisAsync();
        var clickHouse = await TestServers.ClickHouseAsync();
        var all = new Dictionary<string, string?>
        {
            ["Sentinel:Mode"] = "Production",
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = await postgres.CreateDatabaseAsync(),
            ["Redis:Configuration"] = redis.Configuration,
            ["Redis:KeyPrefix"] = RedisServer.NewKeyPrefix(),
            ["Analytics:Store"] = "ClickHouse",
            ["Analytics:ClickHouse:Url"] = clickHouse.Url.ToString(),
            ["Analytics:ClickHouse:Database"] = await clickHouse.CreateDatabaseAsync(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }

    /// <summary>Starts the host (migrations and first admin included) if it has not started yet.</summary>
    public SentinelApp Start()
    {
        if (_kestrel)
        {
            StartServer();
        }
        else
        {
            _ = Server;
        }

        return this;
    }

    public async Task<Project> CreateProjectAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProjectService>().CreateAsync(name, AuditActor.System, CancellationToken.None);
    }

    /// <summary>Issues a key for the project and returns its token (what a customer would paste into their SDK).</summary>
    public async Task<string> CreateKeyAsync(Guid projectId, ApiKeyKind kind = ApiKeyKind.Ingest)
    {
        await using var scope = Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(projectId, kind, $"{kind} key", AuditActor.System, CancellationToken.None);
        return issued.Token;
    }

    /// <summary>Runs <paramref name="action"/> with a scoped service, as a request would.</summary>
    public async Task<TResult> WithServiceAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The project's dashboard for the whole time range around <paramref name="around"/>, from the configured store.</summary>
    public Task<Dashboard> DashboardAsync(Guid projectId, DateTime around, string? environment = null) =>
        Services.GetRequiredService<IAnalyticsStore>().QueryAsync(new DashboardQuery(projectId, environment, around.AddHours(-1), around.AddHours(2), 60), CancellationToken.None);

    /// <summary>Waits until the workers have stored <paramref name="expected"/> requests for the project (and fails if more arrive).</summary>
    public async Task<Dashboard> WaitForStoredAsync(Guid projectId, DateTime around, long expected, TimeSpan? timeout = null)
    {
        Dashboard? last = null;
        await Wait.UntilAsync(
            async () => (last = await DashboardAsync(projectId, around)).Totals.Requests >= expected,
            timeout ?? TimeSpan.FromSeconds(30),
            () => $"Stored {last?.Totals.Requests} requests, expected {expected}.");
        return last!;
    }

    /// <summary>
    /// Adds a portal user with a role and returns their password. Unless <paramref name="mustChangePassword"/>, the
    /// password counts as already changed, so the user goes straight to the portal.
    /// </summary>
    public async Task<string> CreateUserAsync(string email, string role, bool mustChangePassword = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var (result, password) = await scope.ServiceProvider.GetRequiredService<TeamService>().AddMemberAsync(email, role, AuditActor.System);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        if (!mustChangePassword)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SentinelUser>>();
            var user = await users.FindByEmailAsync(email);
            user!.MustChangePassword = false;
            await users.UpdateAsync(user);
        }

        return password!;
    }

    /// <summary>The audit entries of one action about one subject, newest first.</summary>
    public Task<List<AuditEntry>> AuditAsync(string action, string subject) =>
        WithServiceAsync<SentinelDbContext, List<AuditEntry>>(db =>
            db.AuditEntries.Where(a => a.Action == action && a.Subject == subject).OrderByDescending(a => a.At).ToListAsync());

    /// <summary>A client that does not follow redirects and keeps cookies, signed in through the real login form.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostFormAsync(client, "/Account/Login", "login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs the page, takes its antiforgery token and posts the named form, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var document = new HtmlParser().ParseDocument(page);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no antiforgery token.");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = formName };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private static Dictionary<string, string?> WithDefault(IDictionary<string, string?>? settings, string key, string value)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd(key, value);
        return all;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_settings.TryGetValue("Environment", out var environment) ? environment! : "Testing");
        // Blazor's script and MudBlazor's assets come from packages; outside Development the host finds them only
        // in a published wwwroot, so tests read the build's static web assets manifest as `dotnet run` does.
        builder.UseStaticWebAssets();
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            // Fault tests provoke errors on purpose, and a passing run's console must stay quiet: the console shows
            // only Critical. Tests read everything from Logs; SENTINEL_TEST_LOGS=1 brings the console back for debugging.
            if (Environment.GetEnvironmentVariable("SENTINEL_TEST_LOGS") != "1")
            {
                logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Critical);
            }
        });
        if (ConfigureTestServices is not null)
        {
            builder.ConfigureServices(ConfigureTestServices);
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TestRun.DeleteDirectory(_dataDirectory);
        }
    }
}
