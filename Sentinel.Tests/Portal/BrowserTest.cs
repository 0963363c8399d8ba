using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>A browser test on its own embedded host over Kestrel, started before each test and stopped after it.</summary>
public abstract class BrowserTest(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    protected SentinelApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = SentinelApp.Embedded(kestrel: true).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
