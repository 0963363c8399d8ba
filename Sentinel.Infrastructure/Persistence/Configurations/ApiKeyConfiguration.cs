using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sentinel.Domain.Keys;
using Sentinel.Domain.Projects;

namespace Sentinel.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public const int PrefixMaxLength = 32;
    public const int HashLength = 32;

    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        builder.Property(k => k.Prefix).HasMaxLength(PrefixMaxLength);
        builder.Property(k => k.Hash).HasMaxLength(HashLength);
        // Every authenticated request finds its key by prefix; the portal lists a project's keys.
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasIndex(k => k.ProjectId);
        builder.HasOne<Project>().WithMany().HasForeignKey(k => k.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
