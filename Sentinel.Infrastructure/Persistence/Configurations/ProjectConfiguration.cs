using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sentinel.Domain.Projects;

namespace Sentinel.Infrastructure.Persistence.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("Projects");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.Slug).HasMaxLength(Project.SlugMaxLength);
        builder.HasIndex(p => p.Slug).IsUnique();
        // A database default, so the migration can add the column to existing projects.
        builder.Property(p => p.RetentionDays).HasDefaultValue(Project.DefaultRetentionDays);
    }
}
