namespace Sentinel.Domain.Keys;

/// <summary>What a key may do. Each kind is only accepted by the endpoints made for it.</summary>
public enum ApiKeyKind
{
    /// <summary>Server SDKs posting API-analytics events.</summary>
    Ingest = 1,

    /// <summary>The browser collector posting behaviour; visible in the page, restricted to the project's origins.</summary>
    Publishable = 2,

    /// <summary>The customer's backend reading verdicts.</summary>
    Secret = 3,
}
