using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Storage;

/// <summary>
/// Copies a known user's baselines from the app database into the session when it starts (or when the user id first
/// appears in it), so that later batches find them in Redis with the state and never read the database.
/// </summary>
public sealed partial class TrustProfileLoader(IServiceScopeFactory scopes, ILogger<TrustProfileLoader> logger)
{
    public async Task LoadIntoAsync(Guid projectId, string userHash, SessionMeta meta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meta);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
            var profile = await db.Set<TrustUserProfile>().AsNoTracking()
                .FirstOrDefaultAsync(p => p.ProjectId == projectId && p.UserHash == userHash, cancellationToken);
            if (profile is null)
            {
                return;
            }

            meta.ProfileVersion = profile.Version;
            meta.MouseBaseline = profile.MouseBaseline;
            meta.KeystrokeProfiles = JsonSerializer.Deserialize(profile.KeystrokeProfiles, TrustJson.Default.ListKeystrokeProfile) ?? [];
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or JsonException or System.Data.Common.DbException)
        {
            // Without the baseline the session is judged like a new user's: less evidence, never a wrong ALLOW.
            LogProfileUnavailable(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load a user's trust profile; the session is judged without baselines.")]
    private static partial void LogProfileUnavailable(ILogger logger, Exception exception);
}
