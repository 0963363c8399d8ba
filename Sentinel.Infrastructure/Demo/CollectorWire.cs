using System.Text.Json.Nodes;
using Sentinel.Domain.Trust.Events;

namespace Sentinel.Infrastructure.Demo;

/// <summary>
/// A behaviour event as the browser collector sends it to <c>POST /v1/trust/events</c> (timings and key classes, never
/// characters). The demo posts through the real endpoint with it, and the tests build their bodies with it.
/// </summary>
public static class CollectorWire
{
    public static JsonObject Event(BehaviorEvent e, string? field = null)
    {
        var json = new JsonObject { ["t"] = e.TimestampMs, ["type"] = e.Kind.ToString().ToLowerInvariant(), ["isTrusted"] = e.IsTrusted };
        if (e.Kind is BehaviorEventKind.KeyDown or BehaviorEventKind.KeyUp)
        {
            json["key"] = e.Key.ToString().ToLowerInvariant();
            json["zone"] = e.KeyZone;
            if (field is not null)
            {
                json["field"] = field;
            }
        }
        else
        {
            json["x"] = e.X;
            json["y"] = e.Y;
        }

        return json;
    }
}
