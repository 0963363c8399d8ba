using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Pipeline;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Pipeline;

/// <summary>What the pipeline page reads, from each queue: backlog, pending per consumer, dead letters.</summary>
public sealed class PipelineHealthTests
{
    public static TheoryData<string> Modes => ["embedded", "production"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task TheSnapshot_ShowsTheBacklog_WhoHoldsWhat_AndTheDeadLetters(string mode)
    {
        var noDrain = new Dictionary<string, string?> { ["Workers:Count"] = "0" }; // the test plays the workers
        await using var app = mode == "embedded" ? SentinelApp.Embedded(settings: noDrain).Start() : (await SentinelApp.ProductionAsync(settings: noDrain)).Start();
        var queue = app.Services.GetRequiredService<IIngestQueue>();
        var project = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await queue.EnqueueAsync(new QueuedBatch(project, OneEvent(project)), Guid.NewGuid(), CancellationToken.None));
        }

        var held = await queue.ReadNewAsync("worker-a", 2, CancellationToken.None);
        await queue.DeadLetterAsync(held[0], "The entry cannot be decoded.", CancellationToken.None);

        var snapshot = await app.Services.GetRequiredService<PipelineHealth>().ReadAsync(10, CancellationToken.None);

        Assert.Null(snapshot.Problem);
        Assert.Equal(mode == "embedded" ? "in-process queue" : "Redis stream", snapshot.Queue);
        Assert.Equal(mode == "production", snapshot.RatesClusterWide);
        Assert.Equal((2, 1, 1), (snapshot.Stats!.Length, snapshot.Stats.Pending, snapshot.Stats.DeadLetters));
        var consumer = Assert.Single(snapshot.Consumers);
        Assert.Equal(("worker-a", 1L), (consumer.Consumer, consumer.Pending));
        Assert.InRange(consumer.Idle, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        var dead = Assert.Single(snapshot.DeadLetters);
        Assert.Equal("The entry cannot be decoded.", dead.Reason);
        Assert.Equal(PreviewKind.Batch, DeadLetterPreview.Of(dead.Raw).Kind);
    }

    private static ApiEventRows OneEvent(Guid project) => ApiEventRows.From([new ApiEvent
    {
        ProjectId = project, Id = "e1", Timestamp = DateTime.UtcNow, Environment = "production", Method = "GET",
        Host = "api.shop.example", Path = "/", Route = "/", Status = 200, DurationMs = 1,
    }]);
}
