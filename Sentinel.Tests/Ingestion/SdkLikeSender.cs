using System.Net;
using System.Text.Json.Nodes;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Ingestion;

/// <summary>Posts batches the way the SDKs do: on 503 or 429 it keeps the batch and sends it again after a pause.</summary>
internal sealed class SdkLikeSender(HttpClient client, string key)
{
    public int Unavailable { get; private set; }

    public int Accepted { get; private set; }

    public async Task SendAsync(List<JsonObject> batch)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await TestEvents.PostAsync(client, key, batch);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                Accepted++;
                return;
            }

            Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests, $"Unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.NotNull(response.Headers.RetryAfter);
            Unavailable++;
            await Task.Delay(100);
        }

        Assert.Fail("A batch was never accepted.");
    }
}
