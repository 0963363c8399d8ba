namespace Sentinel.Tests.Support;

/// <summary>One embedded Sentinel host shared by the tests of a class (each test still makes its own data).</summary>
public sealed class EmbeddedAppFixture : IDisposable
{
    public SentinelApp Instance { get; } = SentinelApp.Embedded().Start();

    public void Dispose() => Instance.Dispose();
}
