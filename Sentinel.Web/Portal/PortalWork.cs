namespace Sentinel.Web.Portal;

/// <summary>
/// Runs one piece of portal work in its own DI scope. An interactive page lives as long as its circuit, and so
/// would a DbContext injected into it: a scope per operation gives each call a fresh context, so a layout and a
/// page that load at the same time never share one, and a failed save leaves nothing tracked behind.
/// </summary>
internal sealed class PortalWork(IServiceScopeFactory scopes)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> work)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task RunAsync<TService>(Func<TService, Task> work)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = scopes.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
