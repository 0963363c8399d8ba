using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sentinel.Domain.Projects;
using Sentinel.Domain.Trust.Records;

namespace Sentinel.Infrastructure.Trust.Storage;

internal sealed class TrustProjectSettingsConfiguration : IEntityTypeConfiguration<TrustProjectSettings>
{
    public void Configure(EntityTypeBuilder<TrustProjectSettings> builder)
    {
        builder.ToTable("TrustProjectSettings");
        builder.HasKey(s => s.ProjectId);
        builder.Property(s => s.ProjectId).ValueGeneratedNever();
        builder.Property(s => s.AllowedOrigins).HasMaxLength(TrustProjectSettings.OriginsMaxLength);
        builder.Property(s => s.UserSalt).HasMaxLength(TrustProjectSettings.SaltLength);
        builder.Ignore(s => s.Origins);
        builder.Ignore(s => s.HasOwnPolicy);
        builder.HasOne<Project>().WithOne().HasForeignKey<TrustProjectSettings>(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrustUserProfileConfiguration : IEntityTypeConfiguration<TrustUserProfile>
{
    public void Configure(EntityTypeBuilder<TrustUserProfile> builder)
    {
        builder.ToTable("TrustUserProfiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.UserHash).HasMaxLength(TrustUserProfile.UserHashLength);
        // Sessions of a known user load the profile by (project, user hash) when they start.
        builder.HasIndex(p => new { p.ProjectId, p.UserHash }).IsUnique();
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrustSessionSummaryConfiguration : IEntityTypeConfiguration<TrustSessionSummary>
{
    public void Configure(EntityTypeBuilder<TrustSessionSummary> builder)
    {
        builder.ToTable("TrustSessionSummaries");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.SessionId).HasMaxLength(TrustSessionSummary.SessionIdMaxLength);
        builder.Property(s => s.UserHash).HasMaxLength(TrustUserProfile.UserHashLength);
        builder.Property(s => s.ModelVersions).HasMaxLength(TrustSessionSummary.ModelVersionsMaxLength);
        builder.Property(s => s.OverrideBy).HasMaxLength(TrustSessionSummary.ActorMaxLength);
        builder.Property(s => s.OverrideNote).HasMaxLength(TrustSessionSummary.NoteMaxLength);
        builder.Property(s => s.OutcomeNote).HasMaxLength(TrustSessionSummary.NoteMaxLength);
        builder.Ignore(s => s.EffectiveAction);
        // One summary per session (finalising again updates it); the portal lists a project's sessions newest first;
        // the learning job looks for sessions not yet learned from.
        builder.HasIndex(s => new { s.ProjectId, s.SessionId }).IsUnique();
        builder.HasIndex(s => new { s.ProjectId, s.LastSeen });
        builder.HasIndex(s => s.LearnedAt);
        builder.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrustVerdictAuditConfiguration : IEntityTypeConfiguration<TrustVerdictAudit>
{
    public void Configure(EntityTypeBuilder<TrustVerdictAudit> builder)
    {
        builder.ToTable("TrustVerdictAudits");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.SessionId).HasMaxLength(TrustSessionSummary.SessionIdMaxLength);
        builder.Property(a => a.Kind).HasMaxLength(16);
        builder.Property(a => a.Actor).HasMaxLength(TrustSessionSummary.ActorMaxLength);
        builder.Property(a => a.Note).HasMaxLength(TrustSessionSummary.NoteMaxLength);
        builder.HasIndex(a => new { a.ProjectId, a.SessionId, a.At });
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrustReviewClaimConfiguration : IEntityTypeConfiguration<TrustReviewClaim>
{
    public void Configure(EntityTypeBuilder<TrustReviewClaim> builder)
    {
        builder.ToTable("TrustReviewClaims");
        // A session has at most one reviewer; the queue joins on (project, session).
        builder.HasKey(c => new { c.ProjectId, c.SessionId });
        builder.Property(c => c.SessionId).HasMaxLength(TrustSessionSummary.SessionIdMaxLength);
        builder.Property(c => c.AssigneeId).HasMaxLength(450);
        builder.Property(c => c.AssigneeName).HasMaxLength(TrustSessionSummary.ActorMaxLength);
        builder.Property(c => c.AssignedBy).HasMaxLength(TrustSessionSummary.ActorMaxLength);
        builder.HasIndex(c => c.AssigneeId);
        builder.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
