using Bunit;
using MudBlazor.Services;

namespace Sentinel.Tests.Portal.Components;

/// <summary>
/// A bUnit context set up for MudBlazor (PLATFORM.md): loose JS interop (MudBlazor calls JS that bUnit does not
/// run), MudBlazor's services, and asynchronous disposal (some of MudBlazor's services are only IAsyncDisposable).
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    protected PortalComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeTestAsync();
        await base.DisposeAsync();
    }

    protected virtual Task DisposeTestAsync() => Task.CompletedTask;
}
