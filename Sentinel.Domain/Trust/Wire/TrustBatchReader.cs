using System.Text.Json;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Trust.Events;

namespace Sentinel.Domain.Trust.Wire;

/// <summary>
/// Reads a <c>POST /v1/trust/events</c> body in one forward pass. The body as a whole must be a JSON object with a
/// valid <c>sessionId</c> and an <c>events</c> array; each event is checked on its own, so a bad event is dropped
/// and named (index, field, reason) while the rest are scored. Only the shape is checked here: impossible values
/// (time going backwards, coordinates off any screen, isTrusted=false) are evidence for the engine, not errors.
/// </summary>
public static class TrustBatchReader
{
    public static TrustBatch Read(ReadOnlySpan<byte> body, int maxEvents)
    {
        var errors = new List<EventError>();
        var events = new List<BehaviorEvent>();
        var fields = new List<string?>();
        string? sessionId = null;
        string? userId = null;
        var sawSession = false;
        var sawUser = false;
        var sawEvents = false;
        var count = 0;
        var json = new Utf8JsonReader(body);
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                return Refused(TrustBatch.Outcome.NotABatch, "Expected { \"sessionId\": ..., \"events\": [ ... ] }.");
            }

            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (json.ValueTextEquals("sessionId"u8))
                {
                    json.Read();
                    if (sawSession || json.TokenType != JsonTokenType.String)
                    {
                        return Refused(TrustBatch.Outcome.BadSession, "'sessionId' must be one string.");
                    }

                    sawSession = true;
                    sessionId = json.GetString();
                }
                else if (json.ValueTextEquals("userId"u8))
                {
                    json.Read();
                    if (sawUser || json.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                    {
                        return Refused(TrustBatch.Outcome.NotABatch, "'userId' must be one string or null.");
                    }

                    sawUser = true;
                    userId = json.TokenType == JsonTokenType.String ? json.GetString() : null;
                    if (userId is { Length: > TrustWireLimits.UserIdMaxLength })
                    {
                        return Refused(TrustBatch.Outcome.NotABatch, $"'userId' has at most {TrustWireLimits.UserIdMaxLength} characters.");
                    }

                    userId = string.IsNullOrEmpty(userId) ? null : userId;
                }
                else if (json.ValueTextEquals("events"u8))
                {
                    json.Read();
                    if (sawEvents || json.TokenType != JsonTokenType.StartArray)
                    {
                        return Refused(TrustBatch.Outcome.NotABatch, "'events' must be one array.");
                    }

                    sawEvents = true;
                    while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                    {
                        var index = count++;
                        if (index >= maxEvents)
                        {
                            json.Skip();
                        }
                        else if (json.TokenType != JsonTokenType.StartObject)
                        {
                            errors.Add(new EventError(index, "", "An event must be a JSON object."));
                            json.Skip();
                        }
                        else if (TrustEventReader.Read(ref json, index, errors, out var e, out var field))
                        {
                            events.Add(e);
                            fields.Add(field);
                        }
                    }
                }
                else
                {
                    json.Read();
                    json.Skip();
                }
            }

            while (json.Read())
            {
            }
        }
        catch (JsonException exception)
        {
            return Refused(TrustBatch.Outcome.NotJson, exception.Message);
        }

        if (!TrustWireLimits.IsSessionId(sessionId))
        {
            return Refused(TrustBatch.Outcome.BadSession, $"'sessionId' is required: {TrustWireLimits.SessionIdMinLength}..{TrustWireLimits.SessionIdMaxLength} characters of A-Z, a-z, 0-9, '_' and '-'.");
        }

        TrustBatch.Outcome result = (sawEvents, count, events.Count) switch
        {
            (false, _, _) => TrustBatch.Outcome.NotABatch,
            (_, 0, _) => TrustBatch.Outcome.Empty,
            _ when count > maxEvents => TrustBatch.Outcome.TooManyEvents,
            (_, _, 0) => TrustBatch.Outcome.NoValidEvent,
            _ => TrustBatch.Outcome.Ok,
        };
        return new TrustBatch(result, sessionId, userId, count, [.. events], [.. fields], errors, sawEvents ? null : "'events' is required.");
    }

    private static TrustBatch Refused(TrustBatch.Outcome outcome, string detail) => new(outcome, null, null, 0, [], [], [], detail);
}
