using System.Reflection;

namespace Sentinel.Infrastructure.Analytics.Tinybird;

/// <summary>The Tinybird project in <c>Analytics/Tinybird/project</c>, embedded in the assembly: one data source and the dashboard pipes.</summary>
public static class TinybirdProject
{
    public const string EventsDatasource = "api_events";
    public const string TotalsPipe = "dashboard_totals";
    public const string TrafficPipe = "dashboard_traffic";
    public const string RoutesPipe = "dashboard_routes";
    public const string ConsumersPipe = "dashboard_consumers";
    public const string StatusCodesPipe = "dashboard_status_codes";
    public const string EnvironmentsPipe = "dashboard_environments";
    public const string OverviewTrafficPipe = "overview_traffic";

    private static readonly Lazy<DatasourceFile> LazyEvents = new(() => DatasourceFile.Parse(EventsDatasource, Read($"datasources/{EventsDatasource}.datasource")));
    private static readonly Lazy<IReadOnlyDictionary<string, PipeFile>> LazyPipes = new(() =>
        new[] { TotalsPipe, TrafficPipe, RoutesPipe, ConsumersPipe, StatusCodesPipe, EnvironmentsPipe, OverviewTrafficPipe }
            .ToDictionary(name => name, name => PipeFile.Parse(name, Read($"pipes/{name}.pipe"))));

    public static DatasourceFile Events => LazyEvents.Value;

    public static IReadOnlyDictionary<string, PipeFile> Pipes => LazyPipes.Value;

    private static string Read(string relative)
    {
        var assembly = typeof(TinybirdProject).Assembly;
        var name = $"tinybird/{relative}";
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
