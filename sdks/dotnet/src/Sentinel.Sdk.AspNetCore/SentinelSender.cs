using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>
/// Reads the buffer and posts batches (by size or every FlushInterval), one batch in flight, the same JSON and so the
/// same event ids on every retry (Sentinel deduplicates by id), backoff with jitter that honours Retry-After. It drains
/// after the server has stopped (<see cref="StoppedAsync"/>, after Kestrel finished its in-flight requests), for at most
/// ShutdownTimeout.
/// </summary>
internal sealed class SentinelSender(SentinelBuffer buffer, SentinelMetrics metrics, IHttpClientFactory clients, IOptions<SentinelOptions> options, TimeProvider time, ILogger<SentinelSender> logger)
    : IHostedLifecycleService, IDisposable
{
    public const string HttpClientName = "Sentinel.Sdk";

    /// <summary>How often an open batch looks for new events: events wait at most this much longer than FlushInterval says.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(20);

    private static readonly HashSet<HttpStatusCode> Retryable =
        [HttpStatusCode.RequestTimeout, (HttpStatusCode)425, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];

    private readonly SentinelOptions _options = options.Value;
    private readonly BatchEncoder _encoder = new(options.Value.Gzip);

    // Held so that the SDK's instruments exist exactly while its sender does.
    private readonly SentinelMetrics _metrics = metrics;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        buffer.Complete();
        var drained = await Task.WhenAny(_loop, Task.Delay(_options.ShutdownTimeout, time, CancellationToken.None)) == _loop;
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var left = buffer.Reader.Count;
        if (!drained && left > 0)
        {
            Interlocked.Add(ref buffer.Counters.DroppedCount, left);
            SdkLog.Dropped(logger, left, "shutdown timed out");
        }

    }

    public void Dispose()
    {
        _stop.Dispose();
        _encoder.Dispose();
        _metrics.Dispose();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoopAsync(CancellationToken stop)
    {
        var reader = buffer.Reader;
        var batch = new List<CapturedRequest>(_options.MaxBatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stop))
            {
                // The first event opens a batch; it closes when full, when FlushInterval has passed, or at shutdown.
                await FillAsync(reader, batch, stop);

                try
                {
                    await SendAsync(batch, stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Never let one bad batch end the loop: the app would stop reporting without a sign.
                    Interlocked.Add(ref buffer.Counters.DroppedCount, batch.Count);
                    SdkLog.Dropped(logger, batch.Count, $"unexpected {e.GetType().Name}: {e.Message}");
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (batch.Count > 0)
            {
                Interlocked.Add(ref buffer.Counters.DroppedCount, batch.Count);
                SdkLog.Dropped(logger, batch.Count, "shutdown timed out");
            }
        }
    }

    /// <summary>
    /// Takes what is waiting, then looks again every <see cref="Linger"/> until the batch is full, FlushInterval has
    /// passed since it opened, or the buffer is completed and empty (shutdown). Polling, not waiting on the channel per
    /// event: a reader waiting on the channel is woken for every event the app records (a thread-pool hop, and a new
    /// wait with its cancellation registration each time), which cost more than everything else the SDK does per request.
    /// </summary>
    private async Task FillAsync(ChannelReader<CapturedRequest> reader, List<CapturedRequest> batch, CancellationToken stop)
    {
        var opened = time.GetTimestamp();
        while (true)
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            var left = _options.FlushInterval - time.GetElapsedTime(opened);
            if (batch.Count >= _options.MaxBatchSize || left <= TimeSpan.Zero || reader.Completion.IsCompleted)
            {
                return;
            }

            await Task.Delay(left < Linger ? left : Linger, time, stop);
        }
    }

    private async Task SendAsync(List<CapturedRequest> batch, CancellationToken stop)
    {
        // One reused buffer: a batch's bytes live until it is answered for good; a 413 half is encoded after that.
        var body = _encoder.Encode(batch);
        var client = clients.CreateClient(HttpClientName);
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage? response = null;
            string failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(_options.RequestTimeout);
                response = await client.SendAsync(Request(body), timeout.Token);
                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stop.IsCancellationRequested)
            {
                failure = e.Message;
            }

            using (response)
            {
                if (response is { IsSuccessStatusCode: true })
                {
                    await AcceptedAsync(response, batch.Count, stop);
                    return;
                }

                Interlocked.Increment(ref buffer.Counters.SendFailuresCount);
                if (response is { StatusCode: HttpStatusCode.RequestEntityTooLarge } && batch.Count > 1)
                {
                    var half = (batch.Count + 1) / 2;
                    await SendAsync(batch[..half], stop);
                    await SendAsync(batch[half..], stop);
                    return;
                }

                if (response is not null && !Retryable.Contains(response.StatusCode))
                {
                    await RefusedAsync(response, batch.Count, stop);
                    return;
                }

                var delay = RetryDelay.Next(attempt, _options.RetryBaseDelay, _options.RetryMaxDelay, RetryDelay.RetryAfter(response?.Headers.RetryAfter, time.GetUtcNow()), Random.Shared.NextDouble());
                Interlocked.Increment(ref buffer.Counters.RetriedCount);
                SdkLog.Retrying(logger, failure, batch.Count, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, stop);
            }
        }
    }

    private HttpRequestMessage Request(ArraySegment<byte> body) => new(HttpMethod.Post, new Uri(_options.Endpoint, "/v1/events/batch"))
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", _options.Key) },
        Content = new CountingContent(body, _encoder.Gzip, buffer.Counters),
    };

    private async Task AcceptedAsync(HttpResponseMessage response, int count, CancellationToken stop)
    {
        BatchAnswer? answer = null;
        try
        {
            answer = await response.Content.ReadFromJsonAsync(SdkJson.Default.BatchAnswer, stop);
        }
        catch (JsonException)
        {
        }

        Interlocked.Add(ref buffer.Counters.SentCount, answer?.Accepted ?? count);
        if (answer is { Rejected: > 0 })
        {
            Interlocked.Add(ref buffer.Counters.RejectedCount, answer.Rejected);
            SdkLog.Rejected(logger, answer.Rejected, "see Sentinel's 202 answer");
        }
    }

    private async Task RefusedAsync(HttpResponseMessage response, int count, CancellationToken stop)
    {
        var text = await response.Content.ReadAsStringAsync(stop);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            Interlocked.Add(ref buffer.Counters.RejectedCount, count);
            SdkLog.Rejected(logger, count, text.Length > 500 ? text[..500] : text);
        }
        else
        {
            Interlocked.Add(ref buffer.Counters.DroppedCount, count);
            SdkLog.Dropped(logger, count, $"Sentinel refused the batch with HTTP {(int)response.StatusCode} (check the ingest key)");
        }
    }
}
