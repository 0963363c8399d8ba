using Sentinel.Domain.Analytics;

namespace Sentinel.Web.Ingestion;

/// <summary>The 202 answer: how many events were accepted and rejected, and why each rejected one was.</summary>
public sealed record BatchResponse(int Accepted, int Rejected, IReadOnlyList<EventError> Errors);
