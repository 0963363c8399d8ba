using System.Net;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>In Production, a sign-out post without its antiforgery token is the caller's mistake (400), not a 500.</summary>
public sealed class LogoutInProductionTests
{
    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_Answers400_InProduction()
    {
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Environment"] = "Production" }).Start();
        using var client = await app.SignedInClientAsync();

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
