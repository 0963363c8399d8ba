namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>A session as the customer names it, within its project (two projects may use the same session id).</summary>
public readonly record struct TrustSessionKey(Guid ProjectId, string SessionId)
{
    /// <summary>Project and session in one string: Redis key suffix, replay-catalog id, index member.</summary>
    public string Qualified => $"{ProjectId:N}:{SessionId}";

    public static TrustSessionKey? Parse(string qualified)
    {
        ArgumentNullException.ThrowIfNull(qualified);
        var colon = qualified.IndexOf(':', StringComparison.Ordinal);
        return colon == 32 && Guid.TryParseExact(qualified[..colon], "N", out var project)
            ? new TrustSessionKey(project, qualified[(colon + 1)..])
            : null;
    }
}
